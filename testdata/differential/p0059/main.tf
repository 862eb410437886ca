locals {
  dy1 = {
    "c" = { effect = "Allow", actions = ["kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "alpha" = { effect = "Allow", actions = ["kms:GenerateDataKey", "kms:Encrypt", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "b_x" = { effect = "Allow", actions = ["kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
  }
}

locals {
  dy2 = {
    "delta" = { effect = "Allow", actions = ["kms:ListAliases", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "Zeta" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:GenerateDataKey*", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
  }
}

data "aws_iam_policy_document" "d" {

  dynamic "statement" {
    for_each = local.dy1
    content {
      sid       = "P1${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }

  dynamic "statement" {
    for_each = values(local.dy2)
    content {
      sid       = "P2I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
