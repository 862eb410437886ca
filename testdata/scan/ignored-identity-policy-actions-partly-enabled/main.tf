# The key policy enables IAM policies for the account for kms:Encrypt
# only. The reader's IAM policy allows kms:Decrypt and kms:Encrypt on the
# key: kms:Encrypt works, kms:Decrypt is denied ("Without permission from
# the key policy, IAM policies that allow permissions have no effect", AWS
# KMS Developer Guide, "Key policies in AWS KMS"; the key policy and the
# IAM policy must both allow the request, IAM User Guide, "Policy
# evaluation logic"). The finding names only kms:Decrypt. The writer's
# policy allows kms:Encrypt only, which the key policy enables: nothing
# to report.

provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

resource "aws_iam_role" "admin" {
  name = "admin"
}

resource "aws_iam_role" "reader" {
  name = "reader"
}

resource "aws_iam_role" "writer" {
  name = "writer"
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
    Statement = [{ Sid = "ReadWrite", Effect = "Allow", Action = ["kms:Decrypt", "kms:Encrypt"], Resource = aws_kms_key.k.arn }]
  })
}

resource "aws_iam_role_policy" "writer" {
  role = aws_iam_role.writer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Write", Effect = "Allow", Action = "kms:Encrypt", Resource = aws_kms_key.k.arn }]
  })
}
