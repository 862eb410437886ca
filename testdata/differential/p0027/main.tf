locals {
  dy1 = {
    "alpha" = { effect = "Deny", actions = ["kms:DescribeKey", "kms:ListAliases", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "omega" = { effect = "Allow", actions = ["kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "beta" = { effect = "Deny", actions = ["kms:ListAliases", "kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "a1" = { effect = "Allow", actions = ["kms:ListAliases", "kms:CreateGrant", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
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
