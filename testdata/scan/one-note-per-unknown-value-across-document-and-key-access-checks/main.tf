# One variable without a value stops two checks: the alias condition of
# the app role's policy (the document's own check) and the account of the
# key policy's partner role, which TFKMS018 needs to place against the
# key's. It is one cause, one thing to supply (`--var partner_account=`):
# one TFKMS010 note, at the first place, naming the other as the same
# value, not two notes.

provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

variable "partner_account" {
  type = string
}

resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAM"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.partner_account}:role/reader" }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

resource "aws_iam_role" "app" {
  name = "app"
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerAlias"
      Effect    = "Allow"
      Action    = "kms:Decrypt"
      Resource  = "arn:aws:kms:*:111122223333:key/*"
      Condition = { StringEquals = { "kms:RequestAlias" = "alias/partner-${var.partner_account}" } }
    }]
  })
}
