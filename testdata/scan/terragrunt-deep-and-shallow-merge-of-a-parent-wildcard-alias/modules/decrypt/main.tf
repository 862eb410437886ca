variable "alias_patterns" {
  type = list(string)
}

variable "tags" {
  type = map(string)
}

data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:key/*"]

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = var.alias_patterns
    }
  }
}

resource "aws_iam_policy" "decrypt" {
  name   = "decrypt-${var.tags["team"]}"
  policy = data.aws_iam_policy_document.decrypt.json
}
