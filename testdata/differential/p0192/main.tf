locals {
  t1 = {
    "omega" = { name = "omega", keys = ["omega", "delta", "omega"] }
    "a10" = { name = "a10", keys = ["alpha", "a1", "alpha"] }
    "Zeta" = { name = "Zeta", actions = ["kms:GenerateDataKey", "kms:Decrypt", "kms:ReEncrypt*"], keys = ["Zeta", "a1", "Zeta"], tags = { "aws:PrincipalTag/team" = "beta", "aws:PrincipalTag/level" = 15 } }
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
