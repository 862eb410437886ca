locals {
  dy1 = {
    "beta" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:GenerateDataKey", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "omega" = { effect = "Deny", actions = ["kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "Zeta" = { effect = "Deny", actions = ["kms:Encrypt", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
    "b_x" = { effect = "Allow", actions = ["kms:GenerateDataKey*", "kms:DescribeKey", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
  }
}

data "aws_iam_policy_document" "d" {

  dynamic "statement" {
    for_each = { for k, v in local.dy1 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P1${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
