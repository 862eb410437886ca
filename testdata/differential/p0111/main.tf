locals {
  t1 = {
    "a2" = { name = "a2", keys = ["b_x", "a2", "b_x"] }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

module "m2" {
  for_each = {
    "a10" = "arn:aws:iam::111122223333:role/a10"
  }
  source   = "./modules/m2"
  name     = each.key
}

locals {
  fe3_base = { for k in ["alpha", "a2", "omega"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe3" {
  for_each = { for k, v in local.fe3_base : k => v if k != "omega" }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:CreateGrant"]
    resources = [each.value]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], [for m in values(module.m2) : m.json], [try(data.aws_iam_policy_document.fe3["missing"].json, data.aws_iam_policy_document.fe3["alpha"].json)])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
