locals {
  t1 = {
    "Zeta" = { name = "Zeta", keys = ["omega", "delta", "omega"] }
    "b_x" = { name = "b_x", actions = ["kms:Encrypt", "kms:Decrypt"], keys = ["a1", "a1"] }
    "a1" = { name = "a1", actions = ["kms:DescribeKey", "kms:ListAliases", "kms:GenerateDataKey*"], keys = ["Zeta", "Zeta"], weight = 0.25 }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

locals {
  m3_base = { for k in ["omega", "Zeta", "a10", "beta"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m3" {
  for_each = { for k, v in local.m3_base : k => v if k != "beta" }
  source   = "./modules/m3"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], [for k, m in module.m3 : m.json])

  statement {
    sid       = "P2F${replace(tostring(7 % 3), ".", "d")}"
    actions   = slice(["kms:GenerateDataKey*", "kms:DescribeKey", "kms:ListAliases", "kms:Decrypt"], 0, 2)
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${title(substr("hello world", 0, 7))}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
