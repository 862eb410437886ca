module "m1" {
  for_each = {
    "beta" = "arn:aws:iam::111122223333:role/beta"
    "a1" = "arn:aws:iam::111122223333:role/a1"
    "Zeta" = "arn:aws:iam::111122223333:role/Zeta"
  }
  source   = "./modules/m1"
  name     = each.key
}

locals {
  t2 = {
    "Zeta" = { name = "Zeta", actions = ["kms:DescribeKey", "kms:CreateGrant"], keys = ["a1", "a1"], tags = { "aws:PrincipalTag/team" = "c", "aws:PrincipalTag/level" = 14 } }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

locals {
  t3 = {
    "Zeta" = { name = "Zeta", keys = ["delta", "gamma", "delta"], tags = { "aws:PrincipalTag/team" = "alpha", "aws:PrincipalTag/level" = 19 } }
    "gamma" = { name = "gamma", keys = ["Zeta", "beta", "alpha", "Zeta"] }
    "b_x" = { name = "b_x", keys = ["omega", "beta", "omega"], weight = "7" }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for k, m in module.m1 : m.json], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
