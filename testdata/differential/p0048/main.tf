locals {
  m1_base = { for k in ["alpha", "delta"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m1" {
  for_each = { for k, v in local.m1_base : k => v if k != "delta" }
  source   = "./modules/m1"
  name     = each.key
}

locals {
  t2 = {
    "alpha" = { name = "alpha", keys = ["delta", "Zeta", "b_x", "delta"] }
    "a1" = { name = "a1", actions = ["kms:GenerateDataKey", "kms:Encrypt"], keys = ["c", "a10", "c"] }
    "beta" = { name = "beta", actions = ["kms:Decrypt"], keys = ["gamma", "omega", "c", "gamma"], tags = { "aws:PrincipalTag/team" = "delta", "aws:PrincipalTag/level" = 18 } }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(values(module.m1)[*].json, [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
