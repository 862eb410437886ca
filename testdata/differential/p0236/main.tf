locals {
  dy1 = {
    "Zeta" = { effect = "Allow", actions = ["kms:Encrypt", "kms:Decrypt", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
    "omega" = { effect = "Deny", actions = ["kms:ReEncrypt*", "kms:DescribeKey", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "alpha" = { effect = "Deny", actions = ["kms:Decrypt", "kms:ReEncrypt*", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
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
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
