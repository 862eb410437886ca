# Called by payments: trusts alias/reports-* for access.
resource "aws_iam_policy" "reports" {
  name = "reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = "*"
      Condition = {
        StringEquals = { "kms:RequestAlias" = "alias/reports-daily" }
      }
    }]
  })
}
