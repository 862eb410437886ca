# Roles `a` and `b` are created through `aws.ops`, which names no
# account; the keys through the default `aws`, which names none either.
# Whether the roles are in the keys' account cannot be told, for one
# cause: the two configurations' accounts. TFKMS010 says so once per cause
# (one note, naming both roles), not once per role. `k1`'s first
# statement also lets the roles call kms:PutKeyPolicy: they may change
# the key policy, so their grant creation on `k1` is not reported.

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias   = "ops"
  region  = "eu-west-1"
  profile = "ops"
}

resource "aws_iam_role" "a" {
  provider           = aws.ops
  name               = "a"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "b" {
  provider           = aws.ops
  name               = "b"
  assume_role_policy = "{}"
}

resource "aws_kms_key" "k1" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Grants"
      Effect    = "Allow"
      Principal = { AWS = [aws_iam_role.a.arn, aws_iam_role.b.arn] }
      Action    = ["kms:CreateGrant", "kms:PutKeyPolicy"]
      Resource  = "*"
    }, {
      Sid       = "Grants2"
      Effect    = "Allow"
      Principal = { AWS = [aws_iam_role.a.arn, aws_iam_role.b.arn] }
      Action    = ["kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "k2" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/admin" }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "Grants"
      Effect    = "Allow"
      Principal = { AWS = [aws_iam_role.a.arn, aws_iam_role.b.arn] }
      Action    = ["kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}
