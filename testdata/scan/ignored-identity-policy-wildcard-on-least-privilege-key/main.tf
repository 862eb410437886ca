# The key policy deliberately enables IAM policies for the account for
# kms:Decrypt, kms:Encrypt and kms:GenerateDataKey* only (least
# privilege). The app role's IAM policy allows `kms:*` on the key: the key
# policy and the IAM policy must both allow a call (AWS KMS Developer
# Guide, "Key policies in AWS KMS"; IAM User Guide, "Policy evaluation
# logic"), so the role gets exactly the three enabled actions, which is
# the pattern's intent. The other actions are reached only through the
# wildcard, not written in the IAM statement: nothing to report.

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Admin"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.admin.arn }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AccountUse"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
      }
    ]
  })
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "p" {
  name = "p"
  role = aws_iam_role.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Use"
      Effect   = "Allow"
      Action   = "kms:*"
      Resource = aws_kms_key.k.arn
    }]
  })
}
