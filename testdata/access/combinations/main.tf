# Same-account and cross-account combinations of key policy, identity
# policy and grant, with a Deny and a permissions boundary. The expected
# access list (expected.txt) follows the AWS KMS Developer Guide: "Key
# policies in AWS KMS", "Default key policy", "Allowing users in other
# accounts to use a KMS key", "Grants in AWS KMS".

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}

locals {
  root = "arn:aws:iam::111122223333:root"
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "writer" {
  name               = "writer"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "bounded" {
  name                 = "bounded"
  assume_role_policy   = "{}"
  permissions_boundary = aws_iam_policy.boundary.arn
}

resource "aws_iam_policy" "boundary" {
  name = "boundary"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }]
  })
}

# The key policy alone: the reader directly.
resource "aws_kms_key" "direct" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Reader"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.reader.arn }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

# Delegation to the account, and the reader's identity policy.
resource "aws_kms_key" "delegated" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAM"
      Effect    = "Allow"
      Principal = { AWS = local.root }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# No delegation: the writer's identity policy has no effect.
resource "aws_kms_key" "no_delegation" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# Another account: its own IAM policies must also allow.
resource "aws_kms_key" "cross_account" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }]
  })
}

# A grant: the writer, whatever the policies say.
resource "aws_kms_key" "granted" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_grant" "writer" {
  key_id            = aws_kms_key.granted.key_id
  grantee_principal = aws_iam_role.writer.arn
  operations        = ["Encrypt", "GenerateDataKey"]
}

# A Deny for everyone wins over the delegation.
resource "aws_kms_key" "denied" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAM"
        Effect    = "Allow"
        Principal = { AWS = local.root }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "NoDecrypt"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "kms:Decrypt"
        Resource  = "*"
      },
    ]
  })
}

# Delegation under a condition, and a role with a permissions boundary.
resource "aws_kms_key" "via_s3" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAMViaS3"
      Effect    = "Allow"
      Principal = { AWS = local.root }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } }
    }]
  })
}

resource "aws_iam_role_policy" "reader" {
  role = aws_iam_role.reader.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read"
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = [aws_kms_key.delegated.arn, aws_kms_key.denied.arn]
    }]
  })
}

resource "aws_iam_role_policy" "writer" {
  role = aws_iam_role.writer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Write"
      Effect   = "Allow"
      Action   = "kms:Encrypt"
      Resource = aws_kms_key.no_delegation.arn
    }]
  })
}

resource "aws_iam_role_policy" "bounded" {
  role = aws_iam_role.bounded.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ViaS3"
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource = aws_kms_key.via_s3.arn
    }]
  })
}
