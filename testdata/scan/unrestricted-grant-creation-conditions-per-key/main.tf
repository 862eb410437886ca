# One IAM statement lets a role create grants on two keys. An identity
# policy works on a key only as far as its key policy enables IAM
# policies ("Unless the key policy explicitly allows it, you cannot use
# IAM policies to allow access to a KMS key", AWS KMS Developer Guide,
# "Key policies in AWS KMS"), so the key policy statement that enables
# them adds its conditions to each key's path: `tagged` only for callers
# tagged team = payments, `open` (the default key policy) always.

provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

resource "aws_iam_role" "app" {
  name = "app"
}

resource "aws_kms_key" "tagged" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAMForPayments"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalTag/team" = "payments" } }
    }]
  })
}

resource "aws_kms_key" "open" {
  description = "default key policy"
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Grants"
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:CreateGrant"]
      Resource = [aws_kms_key.tagged.arn, aws_kms_key.open.arn]
    }]
  })
}
