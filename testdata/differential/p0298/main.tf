locals {
  fe1_keys = ["a10", "Zeta", "a2", "omega"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:ListAliases", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.fe1["omega"].json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
