locals {
  t1 = {
    "a10" = { name = "a10", actions = ["kms:CreateGrant", "kms:GenerateDataKey*", "kms:ReEncrypt*"], keys = ["a10", "a1", "a10"], tags = { "aws:PrincipalTag/team" = "omega", "aws:PrincipalTag/level" = 13 } }
    "gamma" = { name = "gamma", actions = ["kms:Decrypt", "kms:Encrypt"], keys = ["a2", "b_x", "c", "a2"] }
    "Zeta" = { name = "Zeta", actions = ["kms:DescribeKey"], keys = ["Zeta", "Zeta"], tags = { "aws:PrincipalTag/team" = "c", "aws:PrincipalTag/level" = 17 }, weight = 10 }
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
