locals {
  fe1_base = { for k in ["b_x", "delta"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe1" {
  for_each = { for k, v in local.fe1_base : k => v if k != "delta" }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:Encrypt", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k in reverse(sort(keys(data.aws_iam_policy_document.fe1))) : data.aws_iam_policy_document.fe1[k].json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
