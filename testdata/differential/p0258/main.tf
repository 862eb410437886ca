locals {
  je1_keys = merge({ "beta" = "arn:aws:kms:us-east-1:111122223333:key/a-beta" }, { "beta" = "arn:aws:kms:us-east-1:111122223333:key/b-beta" })
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:ReEncrypt*", "kms:Encrypt"], Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

locals {
  dy2 = {
    "alpha" = { effect = "Allow", actions = ["kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "a1" = { effect = "Allow", actions = ["kms:ListAliases", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
    "a10" = { effect = "Deny", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "gamma" = { effect = "Allow", actions = ["kms:ReEncrypt*", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
  }
}

module "m4" {
  for_each = toset(["gamma", "beta", "alpha"])
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[local.je1], [templatefile("${path.module}/p4.json.tftpl", { roles = { for k, m in module.m4 : k => m.arn }, actions = ["kms:ListAliases", "kms:GenerateDataKey*"] })]])

  dynamic "statement" {
    for_each = local.dy2
    content {
      sid       = "P2${statement.key}"
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

  statement {
    sid       = "P3F${replace(tostring(2e-3), ".", "d")}"
    actions   = tolist(setsubtract(["kms:DescribeKey", "kms:Decrypt"], ["kms:Decrypt"]))
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
