locals {
  dy1 = {
    "b_x" = { effect = "Deny", actions = ["kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
    "c" = { effect = "Allow", actions = ["kms:Encrypt", "kms:ListAliases", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "omega" = { effect = "Deny", actions = ["kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "Zeta" = { effect = "Allow", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
  }
}

locals {
  dy2 = {
    "omega" = { effect = "Allow", actions = ["kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "alpha" = { effect = "Allow", actions = ["kms:ListAliases", "kms:GenerateDataKey", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "delta" = { effect = "Deny", actions = ["kms:ReEncrypt*", "kms:Encrypt", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "gamma" = { effect = "Deny", actions = ["kms:GenerateDataKey*", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
  }
}

data "aws_iam_policy_document" "d" {

  dynamic "statement" {
    for_each = values(local.dy1)
    content {
      sid       = "P1I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }

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
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
