# The AWS documentation's IAM policy example for kms:ResourceAliases.
data "aws_iam_policy_document" "alias_based" {
  statement {
    sid = "AliasBasedIAMPolicy"
    actions = [
      "kms:EnableKeyRotation",
      "kms:DisableKeyRotation",
      "kms:GetKeyRotationStatus",
    ]
    resources = [
      "arn:aws:kms:*:111122223333:key/*",
      "arn:aws:kms:*:444455556666:key/*",
    ]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/restricted*"]
    }
  }
}
