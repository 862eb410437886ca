# From "Authorizing cross-account KMS access with aliases": the fix, every
# key of the other account selected by the alias the request uses.
resource "aws_iam_role_policy" "lambda" {
  role = "lambda-writer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action   = ["s3:PutObject*"]
        Resource = ["arn:aws:s3:::my-example-bucket", "arn:aws:s3:::my-example-bucket/*"]
        Effect   = "Allow"
      },
      {
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = "arn:aws:kms:eu-west-1:444455556666:key/*"
        Effect   = "Allow"
        Condition = {
          StringEquals = {
            "kms:RequestAlias" = "alias/my-example-kms-key-alias"
          }
        }
      },
    ]
  })
}
