# Alias ARNs written as references to `aws_kms_alias` resources: the
# configuration says which key is behind them, so the help and the fix
# name that key by reference.

resource "aws_kms_key" "app" {
  description = "app"
}

resource "aws_kms_alias" "app" {
  name          = "alias/app"
  target_key_id = aws_kms_key.app.key_id
}

# `target_key_id` takes a key ARN too.
resource "aws_kms_alias" "by_arn" {
  name          = "alias/by-arn"
  target_key_id = aws_kms_key.app.arn
}

# The key is not a resource here: the alias's own attribute names it.
variable "imported_key_id" {
  type    = string
  default = "1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_kms_alias" "imported" {
  name          = "alias/imported"
  target_key_id = var.imported_key_id
}

data "aws_kms_alias" "shared" {
  name = "alias/shared"
}

data "aws_iam_policy_document" "use" {
  statement {
    sid       = "ByAlias"
    actions   = ["kms:Decrypt", "kms:Encrypt"]
    resources = [aws_kms_alias.app.arn]
  }

  statement {
    sid       = "ByAliasOfKeyArn"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_alias.by_arn.arn]
  }

  statement {
    sid       = "ImportedKey"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_alias.imported.arn]
  }

  statement {
    sid       = "DataAlias"
    actions   = ["kms:Decrypt"]
    resources = [data.aws_kms_alias.shared.arn]
  }

  # The key the alias points at is named already: a note.
  statement {
    sid       = "KeyNamedToo"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.app.arn, aws_kms_alias.app.arn]
  }

  # The alias actions need the alias ARN and the key: the key joins it.
  statement {
    sid       = "ManagesTheAlias"
    actions   = ["kms:UpdateAlias", "kms:DescribeKey"]
    resources = [aws_kms_alias.app.arn]
  }
}

data "aws_iam_policy_document" "guard" {
  statement {
    sid       = "DenyDeletion"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion", "kms:DisableKey"]
    resources = [aws_kms_alias.app.arn]
  }
}
