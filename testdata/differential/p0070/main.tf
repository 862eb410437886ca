locals {
  t1 = {
    "a1" = { name = "a1", actions = ["kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:Encrypt"], keys = ["alpha", "a2", "Zeta", "alpha"], weight = "7" }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

module "m2" {
  count  = 2
  source = "./modules/m2"
  name   = "n${count.index}"
}

module "m3" {
  for_each = { for k in ["alpha", "gamma", "a10"] : k => upper(k) }
  source   = "./modules/m3"
  name     = each.key
}

locals {
  dy4 = {
    "c" = { effect = "Deny", actions = ["kms:Encrypt", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "a2" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:ReEncrypt*", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "delta" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], module.m2[*].json, [module.m3["alpha"].json]])

  dynamic "statement" {
    for_each = { for k, v in local.dy4 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P4${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
