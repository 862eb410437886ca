data "aws_iam_policy_document" "fe1" {
  for_each = toset(["omega", "a1"])

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k in reverse(sort(keys(data.aws_iam_policy_document.fe1))) : data.aws_iam_policy_document.fe1[k].json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
