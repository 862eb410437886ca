locals {
  fe1_keys = ["c", "alpha", "a1", "beta"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, d in data.aws_iam_policy_document.fe1 : d.json if k != "a1"]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
