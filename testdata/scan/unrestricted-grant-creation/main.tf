provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

locals {
  admins = {
    Sid       = "Admins"
    Effect    = "Allow"
    Principal = { AWS = "arn:aws:iam::111122223333:root" }
    Action    = "kms:*"
    Resource  = "*"
  }
}

resource "aws_iam_role" "app" {
  name = "app"
}

resource "aws_iam_role" "worker" {
  name = "worker"
}

resource "aws_iam_role" "admin" {
  name = "admin"
}

# --- reported ---------------------------------------------------------------

# Two roles in one statement: one finding naming both.
resource "aws_kms_key" "g1" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "App"
      Effect    = "Allow"
      Principal = { AWS = [aws_iam_role.app.arn, aws_iam_role.worker.arn] }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

# A role of the key's account by ARN, through a wildcard.
resource "aws_kms_key" "g2" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Ops"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/ops" }
      Action    = ["kms:Describe*", "kms:Create*"]
      Resource  = "*"
    }]
  })
}

# Anyone in the account: a condition that does not limit the grants.
resource "aws_kms_key" "g3" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:CreateGrant"
      Resource  = "*"
      Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } }
    }]
  })
}

# An IAM policy naming a key with the default key policy.
resource "aws_kms_key" "g4" {
  description = "default key policy"
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Wrap", Effect = "Allow", Action = ["kms:Encrypt", "kms:CreateGrant"], Resource = aws_kms_key.g4.arn }]
  })
}

# NotAction leaves CreateGrant in, and PutKeyPolicy out.
resource "aws_kms_key" "g5" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid         = "AlmostAdmin"
      Effect      = "Allow"
      Principal   = { AWS = aws_iam_role.app.arn }
      NotAction   = ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"]
      Resource    = "*"
    }]
  })
}

# --- not reported -----------------------------------------------------------

# Grants only for AWS resources.
resource "aws_kms_key" "t1" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Attach"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
      Resource  = "*"
      Condition = { Bool = { "kms:GrantIsForAWSResource" = "true" } }
    }]
  })
}

# A key administrator: it controls the key policy already.
resource "aws_kms_key" "t2" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# The grants may carry only Decrypt.
resource "aws_kms_key" "t3" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "DecryptGrants"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.worker.arn }
      Action    = "kms:CreateGrant"
      Resource  = "*"
      Condition = { "ForAllValues:StringEquals" = { "kms:GrantOperations" = ["Decrypt"] } }
    }]
  })
}

# Another account: TFKMS008's.
resource "aws_kms_key" "t4" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

# Only through a service, which creates grants for its own resources.
resource "aws_kms_key" "t5" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "ViaEbs"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.worker.arn }
      Action    = ["kms:CreateGrant", "kms:Decrypt"]
      Resource  = "*"
      Condition = { StringEquals = { "kms:ViaService" = "ec2.eu-west-1.amazonaws.com" } }
    }]
  })
}

# The key administrators in a separate statement of the same key.
resource "aws_kms_key" "t6" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Manage"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = ["kms:Put*", "kms:Describe*"]
      Resource  = "*"
    }, {
      Sid       = "Use"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

# CreateGrant denied to everyone.
resource "aws_kms_key" "t7" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Use"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }, {
      Sid       = "NoGrants"
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "kms:CreateGrant"
      Resource  = "*"
    }]
  })
}

# A service principal.
resource "aws_kms_key" "t8" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Logs"
      Effect    = "Allow"
      Principal = { Service = "logs.eu-west-1.amazonaws.com" }
      Action    = ["kms:Encrypt*", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}
