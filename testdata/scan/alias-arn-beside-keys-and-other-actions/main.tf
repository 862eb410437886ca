# An alias ARN never names a key, but what the statement grants depends on
# its other resources and actions.

resource "aws_kms_key" "app" {
  description = "app"
}

variable "extra_key_arn" {
  type = string
}

data "aws_iam_policy_document" "allow" {
  # `key/*` of the same account and region grants the key actions: the
  # alias ARN is dead weight (a note).
  statement {
    sid     = "BesideAccountKeys"
    actions = ["kms:Decrypt"]
    resources = [
      "arn:aws:kms:us-east-1:111122223333:alias/app",
      "arn:aws:kms:us-east-1:111122223333:key/*",
    ]
  }

  # A key ARN is granted, whichever key the alias points at (a note).
  statement {
    sid       = "BesideOneKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.app.arn, "arn:aws:kms:us-east-1:111122223333:alias/app"]
  }

  statement {
    sid       = "BesideEverything"
    actions   = ["kms:Encrypt"]
    resources = ["*", "arn:aws:kms:us-east-1:111122223333:alias/app"]
  }

  # The alias actions are authorized on the alias ARN, the key actions on
  # the key ARN: right as written.
  statement {
    sid     = "ManagesAliases"
    actions = ["kms:CreateAlias", "kms:UpdateAlias", "kms:Decrypt"]
    resources = [
      "arn:aws:kms:us-east-1:111122223333:alias/app",
      aws_kms_key.app.arn,
    ]
  }

  # Only the key action is never granted; no rewrite would keep CreateAlias.
  statement {
    sid       = "AliasActionsAndDecrypt"
    actions   = ["kms:CreateAlias", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }

  # The SSM action is not KMS's business: the split copy for the alias
  # ARN leaves it out.
  statement {
    sid     = "WithAnotherService"
    actions = ["ssm:GetParameter", "kms:Decrypt"]
    resources = [
      "arn:aws:ssm:us-east-1:111122223333:parameter/app/*",
      "arn:aws:kms:us-east-1:111122223333:alias/reports",
    ]
  }

  # `kms:*` names the alias actions too: its key actions are not granted.
  statement {
    sid       = "EveryKmsAction"
    actions   = ["kms:*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }

  # Every alias: no condition could say this without TFKMS002.
  statement {
    sid       = "EveryAlias"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/*"]
  }

  # The other resource is not known: the alias ARN grants nothing, the
  # statement may grant the key actions through it.
  statement {
    sid       = "BesideAnUnknown"
    actions   = ["kms:Decrypt"]
    resources = [var.extra_key_arn, "arn:aws:kms:us-east-1:111122223333:alias/reports"]
  }

  # A condition trusting `alias/app`, which `ManagesAliases` lets its holder
  # create and repoint, would hand them this access: help only.
  statement {
    sid       = "ManagedAlias"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}

data "aws_iam_policy_document" "deny" {
  # The key named by ARN is protected; the key behind the alias only if it
  # is that one: an error.
  statement {
    sid       = "DenyBesideOneKey"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = [aws_kms_key.app.arn, "arn:aws:kms:us-east-1:111122223333:alias/app"]
  }

  # Every key of the account, in every region: the alias ARN adds nothing.
  statement {
    sid       = "DenyBesideAccountKeys"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:eu-west-1:111122223333:alias/app"]
  }

  # Keys of another region do not cover the key behind this alias.
  statement {
    sid       = "DenyBesideOtherRegionKeys"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*", "arn:aws:kms:eu-west-1:111122223333:alias/app"]
  }
}
