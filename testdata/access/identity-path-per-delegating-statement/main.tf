# The key policy enables IAM policies for the account in two statements:
# kms:Decrypt with no condition, kms:CreateGrant only for principals
# tagged team = payments. The app role's IAM policy allows both actions.
# A call works when the key policy and the IAM policy both allow it (AWS
# KMS Developer Guide, "Key policies in AWS KMS"), each key policy
# statement with its own condition: app may decrypt unconditionally and
# create grants when tagged.

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
        Sid       = "AccountDecrypt"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:Decrypt"
        Resource  = "*"
      },
      {
        Sid       = "AccountGrants"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:CreateGrant"
        Resource  = "*"
        Condition = { StringEquals = { "aws:PrincipalTag/team" = "payments" } }
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
      Action   = ["kms:Decrypt", "kms:CreateGrant"]
      Resource = aws_kms_key.k.arn
    }]
  })
}
