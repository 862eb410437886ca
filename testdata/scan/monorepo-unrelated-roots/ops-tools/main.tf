# Another root module, deployed on its own: its alias management on every
# alias is not related to the payments root's alias conditions.
resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"]
      Resource = "*"
    }]
  })
}
