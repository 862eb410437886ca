locals {
  t1 = {
    "a1" = { name = "a1", actions = ["kms:CreateGrant", "kms:GenerateDataKey"], keys = ["a1", "a1"], tags = { "aws:PrincipalTag/team" = "alpha", "aws:PrincipalTag/level" = 16 } }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

locals {
  dy3 = {
    "beta" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:ListAliases", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "b_x" = { effect = "Allow", actions = ["kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
    "a10" = { effect = "Deny", actions = ["kms:Decrypt", "kms:Encrypt", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "delta" = { effect = "Allow", actions = ["kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(tomap({ a = 1, b = "2" })),
        jsonencode(transpose({ a = ["1", "2"], b = ["2"] })),
      ]
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
