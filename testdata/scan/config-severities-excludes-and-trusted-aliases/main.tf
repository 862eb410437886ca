variable "key_arn" {
  type = string
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/platform-*", "alias/app-*"]
    }
  }

  statement {
    actions   = ["kms:Encrypt"]
    resources = [var.key_arn]
  }
}
