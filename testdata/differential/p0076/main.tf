data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:GenerateDataKey", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  m2_base = { for k in ["Zeta", "gamma", "beta", "a10"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m2" {
  for_each = { for k, v in local.m2_base : k => v if k != "a10" }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "sp3" {
  statement {
    sid       = "P3Splat"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp3_none = null
}

locals {
  dy4 = {
    "delta" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:GenerateDataKey", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "beta" = { effect = "Deny", actions = ["kms:GenerateDataKey*", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "Zeta" = { effect = "Allow", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
    "omega" = { effect = "Deny", actions = ["kms:Encrypt", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([data.aws_iam_policy_document.sp1[*].json, [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.m2 : m.statements]) })], concat(local.sp3_none[*], [data.aws_iam_policy_document.sp3.json])])

  dynamic "statement" {
    for_each = local.dy4
    content {
      sid       = "P4${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
      dynamic "condition" {
        for_each = statement.value.effect == "Deny" ? [1] : []
        content {
          test     = "Bool"
          variable = "aws:SecureTransport"
          values   = ["false"]
        }
      }
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
