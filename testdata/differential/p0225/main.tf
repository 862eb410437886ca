locals {
  t1 = {
    "a2" = { name = "a2", keys = ["gamma", "gamma"], weight = 1.5 }
    "alpha" = { name = "alpha", actions = ["kms:ReEncrypt*", "kms:Encrypt"], keys = ["a1", "c", "Zeta", "a1"], tags = { "aws:PrincipalTag/team" = "alpha", "aws:PrincipalTag/level" = 12 }, weight = 0.25 }
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
