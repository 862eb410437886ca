# Values whose kind the type tells are checked, not noted; what cannot be
# known is one note per cause per document.
variable "key_count" {
  type = number
}

variable "env" {
  type = string
}

variable "extra_arns" {
  type = list(string)
}

resource "aws_kms_key" "k" {
  count = var.key_count
}

# aws_kms_alias.shared and data.aws_caller_identity.current are declared in
# files not given to tfkms: their KMS attributes still have a kind.
data "aws_iam_policy_document" "typed" {
  statement {
    sid       = "KeysOfUnknownCount"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.k[0].arn, aws_kms_alias.shared.target_key_arn]
  }
  statement {
    sid       = "AliasArnInOwnAccount"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:${data.aws_caller_identity.current.account_id}:alias/app"]
  }
  statement {
    sid       = "AccountFromAMissingLocal"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:${local.account_id}:alias/app"]
  }
  statement {
    sid       = "KeyFromRemoteState"
    actions   = ["kms:Decrypt"]
    resources = [data.terraform_remote_state.kms.outputs.key_arn]
  }
}

# Known elements of lists with unknown parts are checked.
data "aws_iam_policy_document" "partly_known_lists" {
  statement {
    sid       = "Concat"
    actions   = ["kms:Encrypt"]
    resources = concat(["arn:aws:kms:eu-west-1:111122223333:alias/x"], var.extra_arns)
  }
  statement {
    sid       = "Compact"
    actions   = ["kms:Encrypt"]
    resources = compact(["arn:aws:kms:eu-west-1:111122223333:alias/y", aws_kms_key.k[0].arn])
  }
  statement {
    sid       = "Flatten"
    actions   = ["kms:Encrypt"]
    resources = flatten([[aws_kms_key.k[0].arn], var.extra_arns])
  }
}

# One variable without a value in three places of two statements: one note.
data "aws_iam_policy_document" "one_cause" {
  statement {
    sid       = "First"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:${var.env}"]
  }
  statement {
    sid = "Second"
    actions = [
      "kms:Encrypt",
      "kms:${var.env}",
    ]
    resources = [var.env]
  }
}
