# Alias condition values that can never match an alias name, and values
# that can.

resource "aws_kms_key" "app" {
  description = "app"
}

resource "aws_kms_alias" "app" {
  name          = "alias/app"
  target_key_id = aws_kms_key.app.key_id
}

data "aws_iam_policy_document" "bad" {
  # An alias ARN where the alias name belongs.
  statement {
    sid       = "RequestAliasArn"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
    }
  }

  # An alias ARN pattern: no alias name starts with `arn:`.
  statement {
    sid       = "ResourceAliasesArnPattern"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["arn:aws:kms:*:111122223333:alias/app-*"]
    }
  }

  # The alias resource's ARN instead of its name.
  statement {
    sid       = "TypedAliasArn"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = ["alias/billing", aws_kms_alias.app.arn]
    }
  }

  # The alias/ prefix is missing.
  statement {
    sid       = "NoPrefix"
    actions   = ["kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["app-prod"]
    }
  }

  # A key ARN: to select one key, name it in resources.
  statement {
    sid       = "KeyArnValue"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
    }
  }

  # A key ID under a negated operator in a Deny: it excludes nothing.
  statement {
    sid       = "KeyIdInDeny"
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "kms:RequestAlias"
      values   = ["1234abcd-12ab-34cd-56ef-1234567890ab"]
    }
  }
}

# A key policy in heredoc JSON.
resource "aws_kms_key" "shared" {
  description = "shared"
  policy      = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "UseByAlias",
          "Effect": "Allow",
          "Principal": {"AWS": "${data.aws_caller_identity.current.arn}"},
          "Action": "kms:Decrypt",
          "Resource": "*",
          "Condition": {"StringEquals": {"kms:RequestAlias": "arn:aws:kms:us-east-1:111122223333:alias/shared"}}
        }
      ]
    }
  JSON
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "good" {
  # Alias names, exact.
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/app"]
    }
  }

  # The alias resource's name.
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = [aws_kms_alias.app.name]
    }
  }

  # Case-insensitive comparison: `ALIAS/App` matches `alias/app`.
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEqualsIgnoreCase"
      variable = "kms:RequestAlias"
      values   = ["ALIAS/App"]
    }
  }

  # `Null` takes true/false, not alias names.
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

  # An ARN under another condition key.
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::111122223333:role/app"]
    }
  }
}
