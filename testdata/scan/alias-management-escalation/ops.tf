# Who may manage aliases.

# Every alias: reaches both alias/app-* and alias/billing.
resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:CreateAlias", "kms:UpdateAlias"]
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "admins" {
  # kms:* includes the alias actions.
  statement {
    sid       = "BillingAdmin"
    actions   = ["kms:*"]
    resources = ["arn:aws:kms:*:111122223333:alias/billing"]
  }

  statement {
    sid       = "AppProdAliases"
    actions   = ["kms:*Alias"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app-prod"]
  }

  # NotAction: everything but decryption, on every KMS resource.
  statement {
    sid         = "AllButDecrypt"
    not_actions = ["kms:Decrypt"]
    resources   = ["arn:aws:kms:*:*:*"]
  }

  # Disjoint from every trusted pattern.
  statement {
    sid       = "TeamAliases"
    actions   = ["kms:CreateAlias", "kms:DeleteAlias"]
    resources = ["arn:aws:kms:*:111122223333:alias/team-*"]
  }

  statement {
    sid       = "ListOnly"
    actions   = ["kms:ListAliases"]
    resources = ["*"]
  }
}

# Allowed, then denied in the same policy: nothing left to manage.
data "aws_iam_policy_document" "locked" {
  statement {
    actions   = ["kms:CreateAlias", "kms:UpdateAlias"]
    resources = ["*"]
  }

  statement {
    effect    = "Deny"
    actions   = ["kms:*Alias"]
    resources = ["arn:aws:kms:*:*:alias/*"]
  }
}

# A key policy cannot allow the alias resource: its kms:* is the key's half.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "app" {
  description = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAMUserPermissions"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

module "app_alias_admin" {
  source = "./modules/alias-admin"
  prefix = "app-"
}

module "team_alias_admin" {
  source = "./modules/alias-admin"
  prefix = "team-"
}
