# From "Authorizing cross-account KMS access with aliases": the Lambda's
# policy names the other account's key by alias ARN, so PutObject fails with
# AccessDenied on kms:GenerateDataKey.
resource "aws_iam_role_policy" "lambda" {
  role = "lambda-writer"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": ["s3:PutObject*"],
          "Resource": [
            "arn:aws:s3:::my-example-bucket",
            "arn:aws:s3:::my-example-bucket/*"
          ],
          "Effect": "Allow"
        },
        {
          "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
          "Resource": "arn:aws:kms:eu-west-1:444455556666:alias/my-example-kms-key-alias",
          "Effect": "Allow"
        }
      ]
    }
  EOT
}
