locals {
  dy1 = {
    "omega" = { effect = "Allow", actions = ["kms:ListAliases", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "delta" = { effect = "Deny", actions = ["kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
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
