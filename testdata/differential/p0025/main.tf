locals {
  t1 = {
    "c" = { name = "c", keys = ["b_x", "gamma", "a2", "b_x"] }
    "Zeta" = { name = "Zeta", keys = ["delta", "gamma", "a1", "delta"], tags = { "aws:PrincipalTag/team" = "b_x", "aws:PrincipalTag/level" = 12 } }
    "omega" = { name = "omega", keys = ["a1", "a1"] }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

module "m2" {
  count  = 2
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], [for m in module.m2 : m.json])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
