# Anyone who can create an alias matching the pattern gets Decrypt.
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "AppKeys"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-*"]
    }
  }
}
