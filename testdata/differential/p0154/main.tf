locals {
  fe1_base = { for k in ["beta", "a1", "a2", "delta"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe1" {
  for_each = { for k, v in local.fe1_base : k => v if k != "delta" }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:DescribeKey", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = values(data.aws_iam_policy_document.fe1)[*].json
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
