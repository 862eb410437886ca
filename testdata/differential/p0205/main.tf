locals {
  fe1_base = { for k in ["b_x", "c", "omega"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe1" {
  for_each = { for k, v in local.fe1_base : k => v if k != "omega" }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:ReEncrypt*", "kms:ListAliases", "kms:GenerateDataKey*"]
    resources = [each.value]
  }
}

locals {
  m2_base = { for k in ["Zeta", "omega", "a10", "a2", "c"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m2" {
  for_each = { for k, v in local.m2_base : k => v if k != "c" }
  source   = "./modules/m2"
  name     = each.key
}

module "m3" {
  for_each = toset(["Zeta", "alpha"])
  source   = "./modules/m3"
  name     = lower(each.key)
}

module "m4" {
  for_each = { for k in ["delta"] : k => upper(k) }
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for k in keys(data.aws_iam_policy_document.fe1) : data.aws_iam_policy_document.fe1[k].json], values(module.m2)[*].json, [module.m4["delta"].json]])

  statement {
    sid       = "P3Roles"
    actions   = ["kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [for m in module.m3 : m.arn]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
