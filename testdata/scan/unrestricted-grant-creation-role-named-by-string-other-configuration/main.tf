# The policy is attached to a role named by a plain string (`role =
# "app"`), through the default `aws` configuration; the key is created
# through `aws.other`, which assumes a role given by a variable. IAM
# attaches the policy to the role `app` of the account the call is made
# in (the `aws` configuration's), and neither configuration names its
# account, so whether that role is in the key's account cannot be told:
# a TFKMS010 note at the action, not a TFKMS018 warning.

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "other"
  region = "eu-west-1"
  assume_role {
    role_arn = var.other_role
  }
}

variable "other_role" {
  type = string
}

resource "aws_kms_key" "k" {
  provider = aws.other
}

resource "aws_iam_role_policy" "p" {
  name = "p"
  role = "app"
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
