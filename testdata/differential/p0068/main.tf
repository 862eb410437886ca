data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["c", "a2"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey"]
    resources = [each.value]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, d in data.aws_iam_policy_document.fe1 : d.json if k != "c"]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
