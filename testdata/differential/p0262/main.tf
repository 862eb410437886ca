locals {
  dy1 = {
    "a10" = { effect = "Allow", actions = ["kms:GenerateDataKey*", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "a1" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:GenerateDataKey", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
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
