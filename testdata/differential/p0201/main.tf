locals {
  m1_base = { for k in ["delta", "Zeta"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m1" {
  for_each = { for k, v in local.m1_base : k => v if k != "Zeta" }
  source   = "./modules/m1"
  name     = each.key
}

locals {
  t2 = {
    "c" = { name = "c", keys = ["a10", "a10"], tags = { "aws:PrincipalTag/team" = "gamma", "aws:PrincipalTag/level" = 3 }, weight = 1.5 }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m1)[*].statements) })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
