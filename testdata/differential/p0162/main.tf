locals {
  m1_base = { for k in ["delta", "b_x"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m1" {
  for_each = { for k, v in local.m1_base : k => v if k != "b_x" }
  source   = "./modules/m1"
  name     = each.key
}

locals {
  t2 = {
    "alpha" = { name = "alpha", keys = ["beta", "a10", "beta"], tags = { "aws:PrincipalTag/team" = "a10", "aws:PrincipalTag/level" = 18 } }
    "a10" = { name = "a10", keys = ["Zeta", "delta", "Zeta"] }
    "gamma" = { name = "gamma", keys = ["delta", "delta"], tags = { "aws:PrincipalTag/team" = "alpha", "aws:PrincipalTag/level" = 5 }, weight = 0.25 }
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
