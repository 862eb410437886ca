locals {
  dy1 = {
    "b_x" = { effect = "Deny", actions = ["kms:ReEncrypt*", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
    "c" = { effect = "Allow", actions = ["kms:GenerateDataKey*", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "beta" = { effect = "Deny", actions = ["kms:Encrypt", "kms:CreateGrant", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
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
