# Keys selected by alias: an identity policy on `key/*` with a
# kms:ResourceAliases or kms:RequestAlias condition reaches the keys whose
# aliases in this configuration match, today ("Using aliases to control
# access to KMS keys", AWS KMS Developer Guide).

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_kms_key" "app" {}

resource "aws_kms_alias" "app" {
  name          = "alias/app-data"
  target_key_id = aws_kms_key.app.key_id
}

resource "aws_kms_key" "other" {}

resource "aws_kms_alias" "other" {
  name          = "alias/billing"
  target_key_id = aws_kms_key.other.key_id
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ByResourceAlias"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/*"
        Condition = {
          "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = "alias/app-data" }
        }
      },
      {
        Sid      = "ByRequestAlias"
        Effect   = "Allow"
        Action   = "kms:Encrypt"
        Resource = "*"
        Condition = {
          StringLike = { "kms:RequestAlias" = "alias/bill*" }
        }
      },
    ]
  })
}
