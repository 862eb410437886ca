module "m1" {
  count  = 1
  source = "./modules/m1"
  name   = element(["a10"], count.index)
}

locals {
  fe2_base = { for k in ["b_x", "delta"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe2" {
  for_each = { for k, v in local.fe2_base : k => v if k != "delta" }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:DescribeKey", "kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

locals {
  t3 = {
    "alpha" = { name = "alpha", keys = ["Zeta", "a1", "gamma", "Zeta"] }
    "a10" = { name = "a10", keys = ["gamma", "gamma"] }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

locals {
  dy4 = {
    "b_x" = { effect = "Allow", actions = ["kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
    "omega" = { effect = "Allow", actions = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "a2" = { effect = "Allow", actions = ["kms:Decrypt", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "a10" = { effect = "Deny", actions = ["kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten(module.m1[*].statements) })], [for k in keys(data.aws_iam_policy_document.fe2) : data.aws_iam_policy_document.fe2[k].json], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })])

  dynamic "statement" {
    for_each = local.dy4
    content {
      sid       = "P4${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
