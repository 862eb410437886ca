resource "aws_iam_role" "this" {
  name = "app-signer"
}

resource "aws_iam_role_policy" "this" {
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["kms:Sign", "kms:Verify"], Resource = "*" },
      { Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:*:444455556666:key/*" },
    ]
  })
}
