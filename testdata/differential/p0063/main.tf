locals {
  t1 = {
    "alpha" = { name = "alpha", actions = ["kms:Decrypt"], keys = ["a1", "c", "a10", "a1"], tags = { "aws:PrincipalTag/team" = "c", "aws:PrincipalTag/level" = 11 }, weight = 10 }
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
