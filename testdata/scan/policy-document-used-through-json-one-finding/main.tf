# A policy document checked on its own and again through the `.json` an
# IAM policy uses: each problem is one finding naming both documents, with
# the fix, whatever the rule.

variable "key_arn" {
  type = string
}

data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ByAlias"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:alias/app"]
  }

  statement {
    sid       = "Conditions"
    actions   = ["kms:Decrypt"]
    resources = [var.key_arn]
    # A set operator on a single-valued key.
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/app"]
    }
    # No set operator on a multi-valued key.
    condition {
      test     = "StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-*"]
    }
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
