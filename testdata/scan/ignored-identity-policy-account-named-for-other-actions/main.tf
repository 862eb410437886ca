# The key policy names the account, but only for kms:DescribeKey. An IAM
# policy allowing kms:Decrypt on the key has no effect: "Without
# permission from the key policy, IAM policies that allow permissions
# have no effect" (AWS KMS Developer Guide, "Key policies in AWS KMS"),
# and "some of the permissions ... are allowed only when the KMS key's key
# policy also allows them" ("IAM policy examples"). The key policy does
# enable IAM policies for the account, for another action: the finding
# must not say it names neither the account nor the role.

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
      Sid       = "AccountDescribe"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:DescribeKey"
      Resource  = "*"
    }]
  })
}

resource "aws_iam_role_policy" "reader" {
  role = aws_iam_role.reader.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Read", Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.k.arn }]
  })
}
