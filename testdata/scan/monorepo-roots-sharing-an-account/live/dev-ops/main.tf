# Development operators: another account, not reported against production.
resource "aws_iam_policy" "ops" {
  name = "dev-ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:CreateAlias", "kms:UpdateAlias"]
      Resource = "*"
    }]
  })
}
