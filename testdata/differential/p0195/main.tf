locals {
  dy1 = {
    "gamma" = { effect = "Deny", actions = ["kms:Encrypt", "kms:DescribeKey", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "omega" = { effect = "Deny", actions = ["kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "beta" = { effect = "Allow", actions = ["kms:Encrypt", "kms:Decrypt", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
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
