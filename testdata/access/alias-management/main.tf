# Access through alias management: the app role's statement selects keys
# by a kms:ResourceAliases pattern, so whoever may create or update an
# alias matching it, for a key, can open that key to the app role
# ("Use aliases to control access to KMS keys" and "Controlling access to
# aliases", AWS KMS Developer Guide: an alias needs kms:CreateAlias on the
# alias, in an IAM policy, and on the key).

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

resource "aws_iam_role" "namer" {
  name               = "namer"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = "{}"
}

# Reaches the keys whose aliases match alias/app-*.
resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ByAlias"
      Effect    = "Allow"
      Action    = "kms:Decrypt"
      Resource  = "arn:aws:kms:eu-west-1:111122223333:key/*"
      Condition = { "ForAnyValue:StringLike" = { "kms:ResourceAliases" = "alias/app-*" } }
    }]
  })
}

# Every alias, and every key of the account: may open any key to the app.
resource "aws_iam_role_policy" "ops" {
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "Aliases"
      Effect = "Allow"
      Action = ["kms:CreateAlias", "kms:UpdateAlias"]
      Resource = [
        "arn:aws:kms:eu-west-1:111122223333:alias/*",
        "arn:aws:kms:eu-west-1:111122223333:key/*",
      ]
    }]
  })
}

# Only aliases the app statement does not trust.
resource "aws_iam_role_policy" "dev" {
  role = aws_iam_role.dev.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "DevAliases"
      Effect = "Allow"
      Action = "kms:CreateAlias"
      Resource = [
        "arn:aws:kms:eu-west-1:111122223333:alias/dev-*",
        "arn:aws:kms:eu-west-1:111122223333:key/*",
      ]
    }]
  })
}

# The trusted aliases, but no key: half of the permission.
resource "aws_iam_role_policy" "namer" {
  role = aws_iam_role.namer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "AppAliases"
      Effect   = "Allow"
      Action   = "kms:CreateAlias"
      Resource = "arn:aws:kms:eu-west-1:111122223333:alias/app-*"
    }]
  })
}

# The key administrator may name any alias (its key policy gives it the keys).
resource "aws_iam_role_policy" "admin" {
  role = aws_iam_role.admin.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "AnyAlias", Effect = "Allow", Action = "kms:CreateAlias", Resource = "arn:aws:kms:eu-west-1:111122223333:alias/*" }]
  })
}

# Carries a trusted alias: the app reaches it without anyone's help.
resource "aws_kms_key" "app" {}

resource "aws_kms_alias" "app" {
  name          = "alias/app-data"
  target_key_id = aws_kms_key.app.key_id
}

# The default key policy: ops may give it an alias/app-* alias.
resource "aws_kms_key" "billing" {}

resource "aws_kms_alias" "billing" {
  name          = "alias/billing"
  target_key_id = aws_kms_key.billing.key_id
}

# The key policy names the administrator and enables IAM policies: ops
# (IAM key/*) and the administrator (key policy) may alias it.
resource "aws_kms_key" "reports" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Account"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
      }, {
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# No IAM policy works on this key: an alias opens it to no one.
resource "aws_kms_key" "sealed" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
