# Production operators, in the same account as the application: managing
# every alias reaches alias/app-*.
resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:CreateAlias", "kms:UpdateAlias"]
      Resource = "*"
    }]
  })
}
