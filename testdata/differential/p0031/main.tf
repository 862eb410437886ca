locals {
  dy1 = {
    "b_x" = { effect = "Deny", actions = ["kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
    "alpha" = { effect = "Deny", actions = ["kms:DescribeKey", "kms:ListAliases", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "beta" = { effect = "Allow", actions = ["kms:ReEncrypt*", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
  }
}

module "m2" {
  for_each = toset(["a2", "delta"])
  source   = "./modules/m2"
  name     = each.key
}

locals {
  dy3 = {
    "a1" = { effect = "Allow", actions = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
    "a2" = { effect = "Deny", actions = ["kms:GenerateDataKey", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "omega" = { effect = "Deny", actions = ["kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "gamma" = { effect = "Deny", actions = ["kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:ReEncrypt*"], last = "delta" })]

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

  dynamic "statement" {
    for_each = local.dy3
    content {
      sid       = "P3${statement.key}"
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
