locals {
  dy1 = {
    "c" = { effect = "Deny", actions = ["kms:GenerateDataKey", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "a10" = { effect = "Allow", actions = ["kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
  }
}

module "m2" {
  for_each = { for k in ["Zeta", "a10"] : k => upper(k) }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = values(module.m2)[*].json

  dynamic "statement" {
    for_each = local.dy1
    content {
      sid       = "P1${statement.key}"
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
