module "m1" {
  for_each = toset(["a10", "c", "alpha", "delta"])
  source   = "./modules/m1"
  name     = each.key
}

locals {
  cn2_names = ["alpha", "a1"]
}

data "aws_iam_policy_document" "cn2" {
  count = length(local.cn2_names)

  statement {
    sid       = "P2N${count.index}"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn2_names[count.index]}"]
  }
}

locals {
  dy3 = {
    "omega" = { effect = "Deny", actions = ["kms:Encrypt", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "gamma" = { effect = "Allow", actions = ["kms:ListAliases", "kms:GenerateDataKey", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p1.json.tftpl", { roles = { for k, m in module.m1 : k => m.arn }, actions = ["kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Decrypt"], last = "delta" })], [for d in data.aws_iam_policy_document.cn2 : d.json]])

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
