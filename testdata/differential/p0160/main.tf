data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["a10", "omega", "Zeta"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:CreateGrant", "kms:Encrypt", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

module "m2" {
  for_each = {
    "c" = "arn:aws:iam::111122223333:role/c"
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
    "omega" = "arn:aws:iam::111122223333:role/omega"
  }
  source   = "./modules/m2"
  name     = each.key
}

locals {
  t3 = {
    "a1" = { name = "a1", actions = ["kms:ReEncrypt*", "kms:ListAliases", "kms:Encrypt"], keys = ["delta", "delta"] }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

module "m4" {
  for_each = {
    "a2" = "arn:aws:iam::111122223333:role/a2"
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
    "delta" = "arn:aws:iam::111122223333:role/delta"
    "omega" = "arn:aws:iam::111122223333:role/omega"
  }
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for k in keys(data.aws_iam_policy_document.fe1) : data.aws_iam_policy_document.fe1[k].json], [jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m2)[*].statements) })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.m4 : m.statements]) })]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
