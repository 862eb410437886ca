locals {
  fe1_keys = ["c", "a1", "gamma"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:Encrypt", "kms:CreateGrant"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "cn2" {
  count = 2

  statement {
    sid       = "P2N${count.index}"
    effect    = "Deny"
    actions   = ["kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for k, d in data.aws_iam_policy_document.fe1 : d.json if k != "gamma"], [element(data.aws_iam_policy_document.cn2[*].json, 4)]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
