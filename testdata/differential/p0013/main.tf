module "m1" {
  for_each = toset(["Zeta", "delta", "a10"])
  source   = "./modules/m1"
  name     = each.key
}

locals {
  t2 = {
    "omega" = { name = "omega", actions = ["kms:GenerateDataKey", "kms:ListAliases"], keys = ["beta", "a2", "beta"], tags = { "aws:PrincipalTag/team" = "beta", "aws:PrincipalTag/level" = 7 } }
    "gamma" = { name = "gamma", keys = ["a1", "a10", "beta", "a1"], tags = { "aws:PrincipalTag/team" = "omega", "aws:PrincipalTag/level" = 9 } }
    "Zeta" = { name = "Zeta", keys = ["b_x", "omega", "delta", "b_x"] }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for m in values(module.m1) : m.json], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
