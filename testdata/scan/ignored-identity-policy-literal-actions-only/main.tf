# The key policy enables IAM policies for the account for kms:Decrypt
# (`AccountDecrypt`) and kms:Encrypt (`AccountEncrypt`) only. The reader's
# IAM statement names kms:Decrypt, kms:GenerateDataKey and kms:ReEncrypt*.
# kms:Decrypt works; kms:GenerateDataKey is written in the statement and
# no key policy statement enables it, so it has no effect ("Without
# permission from the key policy, IAM policies that allow permissions have
# no effect", AWS KMS Developer Guide, "Key policies in AWS KMS"). The
# kms:ReEncrypt* actions are reached through a wildcard: not reported.

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = "{}"
}

resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "AccountDecrypt"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }, {
      Sid       = "AccountEncrypt"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:Encrypt"
      Resource  = "*"
    }]
  })
}

resource "aws_iam_role_policy" "reader" {
  role = aws_iam_role.reader.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Read", Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncrypt*"], Resource = aws_kms_key.k.arn }]
  })
}
