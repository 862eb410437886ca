# The key has the default key policy, which enables IAM policies of its
# account (AWS KMS Developer Guide, "Default key policy"). The role policy
# allows kms:CreateGrant on the key with no condition, but the role it is
# attached to is named by a variable without a value: which principal it
# is cannot be evaluated, so whether that principal may also change the
# key policy (TFKMS018 leaves key administrators out) cannot be told.
# tfkms does not guess: one TFKMS010 note where the role is named, saying
# the principal could not be evaluated and how to supply the value.

provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

variable "role_name" {
  type = string
}

resource "aws_kms_key" "k" {}

resource "aws_iam_role_policy" "app" {
  role = var.role_name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Grants", Effect = "Allow", Action = ["kms:Decrypt", "kms:CreateGrant"], Resource = aws_kms_key.k.arn }]
  })
}
