module "m1" {
  for_each = { for k in ["a1", "gamma"] : k => upper(k) }
  source   = "./modules/m1"
  name     = each.key
}

locals {
  fe2_keys = ["delta"]
}

data "aws_iam_policy_document" "fe2" {
  for_each = toset(local.fe2_keys)

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:Encrypt", "kms:CreateGrant", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for m in values(module.m1) : m.json], [for k in keys(data.aws_iam_policy_document.fe2) : data.aws_iam_policy_document.fe2[k].json])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
