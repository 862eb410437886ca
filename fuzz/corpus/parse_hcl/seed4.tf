# A Deny written against an alias ARN protects nothing.
resource "aws_iam_policy" "guard" {
  name = "deny-prod-decrypt"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "DenyProdDecrypt"
      Effect   = "Deny"
      Action   = "kms:Decrypt"
      Resource = "arn:aws:kms:*:111122223333:alias/prod-*"
    }]
  })
}
