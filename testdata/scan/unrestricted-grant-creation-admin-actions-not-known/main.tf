# `aws_iam_role.app` may create grants on the key with no limiting
# condition, and another of its IAM policies allows it `var.admin_actions`
# on the key, which has no value: they may include kms:PutKeyPolicy, and
# a principal that can change the key policy gains nothing from a grant
# (TFKMS018's docs). No TFKMS018 warning; the TFKMS010 note of the unknown
# actions (one note per cause) stays where they are written.

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

variable "admin_actions" {
  type = list(string)
}

resource "aws_kms_key" "k" {}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "grants" {
  name = "grants"
  role = aws_iam_role.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Grants"
      Effect   = "Allow"
      Action   = ["kms:CreateGrant"]
      Resource = aws_kms_key.k.arn
    }]
  })
}

resource "aws_iam_role_policy" "admin" {
  name = "admin"
  role = aws_iam_role.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Admin"
      Effect   = "Allow"
      Action   = var.admin_actions
      Resource = aws_kms_key.k.arn
    }]
  })
}
