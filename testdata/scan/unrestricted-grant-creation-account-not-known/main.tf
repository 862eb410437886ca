# Principals a key policy lets create grants, whose account tfkms cannot
# place. TFKMS018 is about principals of the key's own account (other
# accounts are TFKMS008's): "To give permission to use a KMS key to users
# and roles in another account" the other account's IAM policies must also
# allow (AWS KMS Developer Guide, "Allowing users in other accounts to use
# a KMS key"), so which account a principal is in decides which rule
# applies. Where that cannot be told, tfkms says so (TFKMS010), once per
# cause, and guesses neither way.

# Two provider configurations, neither naming its account: they may be
# two accounts (another profile) or one.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias   = "ops"
  region  = "eu-west-1"
  profile = "ops"
}

variable "partner_account" {
  type = string
}

data "aws_caller_identity" "current" {}

# Created with the key's configuration: the key's account.
resource "aws_iam_role" "app" {
  name = "app"
}

# Created with the other configuration: its account is not known.
resource "aws_iam_role" "ops" {
  provider = aws.ops
  name     = "ops"
}

resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAM"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "Grants"
      Effect    = "Allow"
      Principal = { AWS = [aws_iam_role.app.arn, aws_iam_role.ops.arn] }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }, {
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.partner_account}:root" }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

# The account itself allowed kms:CreateGrant: that enables IAM policies
# for it (AWS KMS Developer Guide, "Default key policy"), it is no
# principal that creates grants; its roles' own paths decide. No finding.
resource "aws_kms_key" "account_grants" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "AccountGrants"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = ["kms:Encrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

# The same unknown account in another key: one note for the one cause,
# labelling both places.
resource "aws_kms_key" "partner_reader" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAM"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "PartnerReader"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.partner_account}:role/reader" }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}
