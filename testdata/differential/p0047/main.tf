data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["omega", "delta"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:ReEncrypt*"]
    resources = [each.value]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = values(data.aws_iam_policy_document.fe1)[*].json
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
