# The production application trusts alias/app-* for access.
resource "aws_iam_role_policy" "app" {
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource = "arn:aws:kms:eu-west-1:111122223333:key/*"
      Condition = {
        "ForAnyValue:StringLike" = { "kms:ResourceAliases" = "alias/app-*" }
      }
    }]
  })
}
