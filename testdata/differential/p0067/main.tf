module "m1" {
  for_each = toset(["gamma", "alpha", "Zeta", "b_x"])
  source   = "./modules/m1"
  name     = each.key
}

locals {
  t2 = {
    "c" = { name = "c", keys = ["a2", "a2"], weight = 1.5 }
    "delta" = { name = "delta", actions = ["kms:GenerateDataKey", "kms:ListAliases", "kms:ReEncrypt*"], keys = ["a2", "c", "alpha", "a2"], weight = 10 }
    "a2" = { name = "a2", actions = ["kms:GenerateDataKey*"], keys = ["a1", "a1"], weight = "7" }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

data "aws_iam_policy_document" "fe3" {
  for_each = toset(["alpha", "a2", "b_x", "gamma"])

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:CreateGrant", "kms:ListAliases", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p1.json.tftpl", { roles = { for k, m in module.m1 : k => m.arn }, actions = ["kms:GenerateDataKey", "kms:DescribeKey"] })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], values(data.aws_iam_policy_document.fe3)[*].json)
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
