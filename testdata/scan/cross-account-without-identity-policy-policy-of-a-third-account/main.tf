# A key of account 111122223333 opened to account 444455556666, whose one
# declared role's policy names the key by alias ARN only: "Neither the
# key policy nor the IAM policy alone is sufficient" (AWS KMS Developer
# Guide, "Allowing users in other accounts to use a KMS key"), so the
# calls are denied: TFKMS017.
#
# A second policy is attached to a role the configuration does not
# declare, through the provider configuration of a third account
# (777788889999). IAM attaches a policy to a role of the account the call
# is made in (PutRolePolicy takes the role's name, not its ARN), so that
# role is not one of 444455556666's and its policy cannot hold the
# finding back.

provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

provider "aws" {
  alias = "app"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/deploy"
  }
}

provider "aws" {
  alias = "legacy"
  assume_role {
    role_arn = "arn:aws:iam::777788889999:role/deploy"
  }
}

resource "aws_kms_key" "shared" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "AppAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }]
  })
}

resource "aws_kms_alias" "shared" {
  name          = "alias/shared"
  target_key_id = aws_kms_key.shared.key_id
}

resource "aws_iam_role" "reader" {
  provider = aws.app
  name     = "reader"
}

resource "aws_iam_role_policy" "reader" {
  provider = aws.app
  role     = aws_iam_role.reader.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_alias.shared.arn }]
  })
}

resource "aws_iam_role_policy" "legacy" {
  provider = aws.legacy
  role     = "legacy-batch"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }]
  })
}
