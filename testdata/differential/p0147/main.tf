locals {
  dy1 = {
    "beta" = { effect = "Allow", actions = ["kms:ReEncrypt*", "kms:Encrypt", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "delta" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "b_x" = { effect = "Deny", actions = ["kms:Encrypt", "kms:ListAliases", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
  }
}

module "m3" {
  for_each = {
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
    "a1" = "arn:aws:iam::111122223333:role/a1"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
    "gamma" = "arn:aws:iam::111122223333:role/gamma"
  }
  source   = "./modules/m3"
  name     = each.key
}

locals {
  dy4 = {
    "gamma" = { effect = "Allow", actions = ["kms:GenerateDataKey", "kms:ListAliases", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "a10" = { effect = "Deny", actions = ["kms:CreateGrant", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "Zeta" = { effect = "Allow", actions = ["kms:Encrypt", "kms:ListAliases", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
    "omega" = { effect = "Deny", actions = ["kms:Encrypt", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m3)[*].statements) })]

  dynamic "statement" {
    for_each = values(local.dy1)
    content {
      sid       = "P1I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(endswith("x.json", ".JSON")),
        jsonencode(setproduct(["x", "y"], ["1", "2"])),
      ]
    }
  }

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
