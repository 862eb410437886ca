locals {
  dy1 = {
    "a10" = { effect = "Deny", actions = ["kms:Encrypt", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "a2" = { effect = "Deny", actions = ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "alpha" = { effect = "Deny", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "Zeta" = { effect = "Deny", actions = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
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
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
