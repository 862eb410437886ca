locals {
  dy1 = {
    "c" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:ListAliases", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
  }
}

locals {
  t3 = {
    "a10" = { name = "a10", actions = ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], keys = ["a10", "beta", "a10"], tags = { "aws:PrincipalTag/team" = "b_x", "aws:PrincipalTag/level" = 19 }, weight = 1.5 }
    "a2" = { name = "a2", actions = ["kms:ListAliases"], keys = ["Zeta", "a2", "Zeta"], tags = { "aws:PrincipalTag/team" = "gamma", "aws:PrincipalTag/level" = 1 }, weight = 0.25 }
    "delta" = { name = "delta", keys = ["a10", "a10"] }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })]

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

  statement {
    sid       = "P2F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = tolist(setsubtract(["kms:ListAliases", "kms:DescribeKey"], ["kms:Decrypt"]))
    resources = [element(formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["a2", "delta"]), 5)]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
