# The root `aws` configuration names account 111122223333
# (`allowed_account_ids`); `aws.other` names none (a profile: its account
# is whatever the profile's credentials are). The key is created through
# `aws.other`, the role and its policy through `aws`. An IAM policy has no
# effect on a key of another account unless that key's policy names the
# account ("Neither the key policy nor the IAM policy alone is
# sufficient", AWS KMS Developer Guide, "Allowing users in other accounts
# to use a KMS key"), so whether the role may create grants on the key
# depends on an account tfkms cannot know: a TFKMS010 note at the action,
# not a TFKMS018 warning.

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

provider "aws" {
  alias   = "other"
  region  = "eu-west-1"
  profile = "other"
}

resource "aws_kms_key" "k" {
  provider = aws.other
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
      Sid      = "Grants"
      Effect   = "Allow"
      Action   = ["kms:CreateGrant", "kms:Decrypt"]
      Resource = aws_kms_key.k.arn
    }]
  })
}
