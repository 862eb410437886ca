# Operators that make an alias condition test something else than it seems.

data "aws_iam_policy_document" "bad" {
  # ForAllValues: also true for a key with no alias (error).
  statement {
    sid       = "AllValuesInAllow"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-prod"]
    }
  }

  # ForAnyValue with a negated operator in a Deny: keys with no alias escape.
  statement {
    sid       = "AnyValueNotEqualsInDeny"
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringNotEquals"
      variable = "kms:ResourceAliases"
      values   = ["alias/approved"]
    }
  }

  # ForAnyValue in a Deny: removing the alias takes the key out of it.
  statement {
    sid       = "AnyValueInDeny"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = ["alias/legacy"]
    }
  }

  # A multi-valued key without a set operator.
  statement {
    sid       = "NoSetOperator"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:ResourceAliases"
      values   = ["alias/app"]
    }
  }

  # Set operators on the single-valued kms:RequestAlias.
  statement {
    sid       = "SetOperatorsOnRequestAlias"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/app"]
    }
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/web"]
    }
  }

  # A wildcard under StringEquals is a literal `*`.
  statement {
    sid       = "LiteralWildcard"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/app", "alias/app-*"]
    }
  }
}

# JSON: a literal wildcard under StringNotEquals in a Deny.
resource "aws_iam_policy" "guard" {
  name = "guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringNotEquals = { "kms:RequestAlias" = "alias/team-?" } }
    }]
  })
}

data "aws_iam_policy_document" "good" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = ["alias/app"]
    }
  }

  # Keys unless one of their aliases is approved, keys with none included.
  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "ForAllValues:StringNotEquals"
      variable = "kms:ResourceAliases"
      values   = ["alias/approved"]
    }
  }

  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/app"]
    }
  }

  # A negated pattern on kms:RequestAlias in a Deny: applies when no alias
  # is used, too.
  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringNotLike"
      variable = "kms:RequestAlias"
      values   = ["alias/app-*"]
    }
  }

  # An exact value under StringLike matches exactly.
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = ["alias/app"]
    }
  }

  # Null needs no set operator.
  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "kms:ResourceAliases"
      values   = ["true"]
    }
  }

  # StringEquals with a `*` in another key's value.
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["*"]
    }
  }
}
