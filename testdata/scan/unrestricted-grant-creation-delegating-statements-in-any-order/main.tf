# The key policy enables IAM policies for the account for kms:CreateGrant
# (only for principals tagged team = payments: no condition that limits
# the grants) in its second statement and for kms:Decrypt in its third.
# The app role's IAM policy allows both on the key: when tagged, app may
# create grants on the key with no kms:GrantIsForAWSResource or
# kms:GrantOperations condition (AWS KMS Developer Guide, "Controlling
# access to grants"). The statement order of the key policy changes
# nothing.

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
        Sid       = "AccountGrants"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:CreateGrant"
        Resource  = "*"
        Condition = { StringEquals = { "aws:PrincipalTag/team" = "payments" } }
      },
      {
        Sid       = "AccountDecrypt"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:Decrypt"
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
      Action   = ["kms:Decrypt", "kms:CreateGrant"]
      Resource = aws_kms_key.k.arn
    }]
  })
}
