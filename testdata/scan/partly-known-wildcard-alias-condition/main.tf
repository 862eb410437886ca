# Alias condition values with unknown parts: a wildcard written in the
# known text is a pattern whatever the unknown part is (TFKMS002); whether
# the unknown part holds a wildcard, or makes the pattern `alias/*`, is not
# known and never claimed.

variable "env" {
  type = string
}

variable "prefix" {
  type = string
}

variable "suffix" {
  type = string
}

data "aws_iam_policy_document" "backup" {
  # Whatever `var.env` is, `alias/<env>_backup*` matches any alias with that
  # start: a warning.
  statement {
    sid       = "Backup"
    actions   = ["kms:GenerateDataKey"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = ["alias/${var.env}_backup*"]
    }
  }

  # `${var.prefix}*` may be `alias/*` (every alias) or narrower: a warning
  # that says so, not an error.
  statement {
    sid       = "Prefixed"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["${var.prefix}*"]
    }
  }

  # Negatives: no wildcard in the known text (one could only come from the
  # unknown part), and a Deny.
  statement {
    sid       = "Exactish"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = ["alias/app-${var.suffix}", "alias/${var.env}_app"]
    }
  }

  statement {
    sid       = "NoOthers"
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringNotLike"
      variable = "kms:RequestAlias"
      values   = ["alias/${var.env}_*"]
    }
  }

  # The trusted pattern `alias/platform-?` may be what this is, once
  # `var.env` is known: not reported.
  statement {
    sid       = "Platform"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = ["alias/${var.env}-?"]
    }
  }
}

resource "aws_iam_policy" "backup" {
  name   = "backup"
  policy = data.aws_iam_policy_document.backup.json
}
