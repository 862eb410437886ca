locals {
  t1 = {
    "Zeta" = { name = "Zeta", actions = ["kms:GenerateDataKey*"], keys = ["Zeta", "omega", "a1", "Zeta"], tags = { "aws:PrincipalTag/team" = "Zeta", "aws:PrincipalTag/level" = 12 }, weight = 0.25 }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
