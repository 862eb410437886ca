locals {
  t1 = {
    "gamma" = { name = "gamma", actions = ["kms:GenerateDataKey"], keys = ["gamma", "gamma"] }
    "omega" = { name = "omega", keys = ["Zeta", "b_x", "alpha", "Zeta"], tags = { "aws:PrincipalTag/team" = "omega", "aws:PrincipalTag/level" = 18 }, weight = 0.25 }
    "a2" = { name = "a2", actions = ["kms:DescribeKey", "kms:GenerateDataKey"], keys = ["delta", "b_x", "c", "delta"], tags = { "aws:PrincipalTag/team" = "alpha", "aws:PrincipalTag/level" = 2 } }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = element(["b_x"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], module.m2[*].json])

  statement {
    sid       = "P3F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = [for a in ["kms:ListAliases", "kms:CreateGrant", "kms:GenerateDataKey*"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["a2"])
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
