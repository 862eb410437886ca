# Statements and their conditions both generated with dynamic blocks.
locals {
  grants = [
    {
      actions = ["kms:Decrypt"]
      aliases = ["alias/payments", "alias/orders-*"]
    },
  ]
}

data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = local.grants
    content {
      actions   = statement.value.actions
      resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]

      dynamic "condition" {
        for_each = statement.value.aliases
        iterator = alias
        content {
          test     = "ForAnyValue:StringLike"
          variable = "kms:ResourceAliases"
          values   = [alias.value]
        }
      }
    }
  }
}
