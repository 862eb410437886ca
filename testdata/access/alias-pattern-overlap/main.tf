# The app role trusts keys whose aliases match alias/*-data. ops may create
# aliases matching alias/app-*: neither pattern covers the other, but
# alias/app-data matches both, so ops can point it at a key and open that
# key to the app role ("Use aliases to control access to KMS keys", AWS
# KMS Developer Guide; `*` in StringLike matches any run of characters,
# `?` exactly one, IAM User Guide, "IAM JSON policy elements: Condition
# operators"). dev may create aliases matching alias/app-?: eleven
# characters ending in one after `app-`, never in `-data`, so no alias
# matches both.

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "dev" {
  name               = "dev"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ByAlias"
      Effect    = "Allow"
      Action    = "kms:Decrypt"
      Resource  = "arn:aws:kms:eu-west-1:111122223333:key/*"
      Condition = { "ForAnyValue:StringLike" = { "kms:ResourceAliases" = "alias/*-data" } }
    }]
  })
}

resource "aws_iam_role_policy" "ops" {
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "AppAliases"
      Effect = "Allow"
      Action = "kms:CreateAlias"
      Resource = [
        "arn:aws:kms:eu-west-1:111122223333:alias/app-*",
        "arn:aws:kms:eu-west-1:111122223333:key/*",
      ]
    }]
  })
}

resource "aws_iam_role_policy" "dev" {
  role = aws_iam_role.dev.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "ShortAliases"
      Effect = "Allow"
      Action = "kms:CreateAlias"
      Resource = [
        "arn:aws:kms:eu-west-1:111122223333:alias/app-?",
        "arn:aws:kms:eu-west-1:111122223333:key/*",
      ]
    }]
  })
}

# The default key policy enables IAM policies; no alias yet.
resource "aws_kms_key" "data" {}
