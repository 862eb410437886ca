variable "prefix" {
  type = string
}

resource "aws_iam_policy" "alias_admin" {
  name = "${var.prefix}alias-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:UpdateAlias"
      Resource = "arn:aws:kms:*:111122223333:alias/${var.prefix}*"
    }]
  })
}
