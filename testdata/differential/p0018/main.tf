locals {
  dy1 = {
    "delta" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:ReEncrypt*", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "alpha" = { effect = "Allow", actions = ["kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "gamma" = { effect = "Deny", actions = ["kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
  }
}

locals {
  fe2_base = { for k in ["beta", "alpha"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe2" {
  for_each = { for k, v in local.fe2_base : k => v if k != "alpha" }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:Decrypt"]
    resources = [each.value]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

locals {
  m4_keys = ["Zeta"]
}

module "m4" {
  for_each = toset(local.m4_keys)
  source   = "./modules/m4"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for d in data.aws_iam_policy_document.fe2 : d.json], [templatefile("${path.module}/p3.json.tftpl", { keys = sort(["omega", "b_x", "a1", "delta"]), actions = ["kms:GenerateDataKey*"] })], [for m in values(module.m4) : m.json]])

  dynamic "statement" {
    for_each = local.dy1
    content {
      sid       = "P1${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
