locals {
  t1 = {
    "c" = { name = "c", keys = ["c", "omega", "b_x", "c"] }
    "beta" = { name = "beta", actions = ["kms:GenerateDataKey*", "kms:ListAliases", "kms:GenerateDataKey"], keys = ["gamma", "alpha", "gamma"] }
    "Zeta" = { name = "Zeta", keys = ["alpha", "a10", "delta", "alpha"] }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

module "m3" {
  for_each = { for k in ["Zeta", "beta"] : k => upper(k) }
  source   = "./modules/m3"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], [jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m3)[*].statements) })])

  statement {
    sid       = "P2F${replace(tostring(abs(-4.25)), ".", "d")}"
    actions   = [element(["kms:ListAliases", "kms:DescribeKey", "kms:Decrypt"], 7)]
    resources = [join("/", split(":", "arn:aws:kms"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
