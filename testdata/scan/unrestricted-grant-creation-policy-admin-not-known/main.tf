# `aws_iam_role.app` may create grants on the key with no limiting
# condition. Another IAM policy allows kms:PutKeyPolicy on the key and is
# attached to the role named by `var.admin_role_name`, which has no value:
# it may be `app`. A principal that can change the key policy gains
# nothing from a grant (TFKMS018's docs), so tfkms cannot tell whether the
# grant permission matters: no TFKMS018 warning, a TFKMS010 note where
# the role name stopped evaluation, saying what it held back.

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

variable "admin_role_name" {
  type = string
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
  role = var.admin_role_name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Admin"
      Effect   = "Allow"
      Action   = ["kms:PutKeyPolicy"]
      Resource = aws_kms_key.k.arn
    }]
  })
}
