# TFKMS018 leaves out principals that may change the key policy: they can
# already give anyone any access. An IAM policy can give that through
# `*` ("To represent all KMS keys, use a wildcard character alone") or a
# key ARN pattern of the account ("arn:aws:kms:*:111122223333:key/*": all
# KMS keys of the account), AWS KMS Developer Guide, "Specifying KMS keys
# in IAM policy statements"; but only on keys whose key policy enables IAM
# policies ("Without permission from the key policy, IAM policies that
# allow permissions have no effect", "Key policies in AWS KMS").

provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

resource "aws_iam_role" "admin" {
  name = "admin"
}

resource "aws_iam_role" "ops" {
  name = "ops"
}

resource "aws_iam_role" "batch" {
  name = "batch"
}

resource "aws_iam_role" "other" {
  name = "other"
}

# Enables IAM policies: ops (`*`) and batch (`key/*` of the account) may
# change its policy; other's pattern names another account's keys.
resource "aws_kms_key" "k1" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAM"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "Grants"
      Effect    = "Allow"
      Principal = { AWS = [aws_iam_role.ops.arn, aws_iam_role.batch.arn, aws_iam_role.other.arn] }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

# Does not enable IAM policies: ops's IAM permission has no effect here.
resource "aws_kms_key" "k2" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "Grants"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.ops.arn }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

resource "aws_iam_role_policy" "ops" {
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "KeyPolicies", Effect = "Allow", Action = "kms:PutKeyPolicy", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "batch" {
  role = aws_iam_role.batch.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "KeyPolicies", Effect = "Allow", Action = "kms:PutKeyPolicy", Resource = "arn:aws:kms:*:111122223333:key/*" }]
  })
}

resource "aws_iam_role_policy" "other" {
  role = aws_iam_role.other.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "KeyPolicies", Effect = "Allow", Action = "kms:PutKeyPolicy", Resource = "arn:aws:kms:*:444455556666:key/*" }]
  })
}
