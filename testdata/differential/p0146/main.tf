locals {
  dy2 = {
    "a10" = { effect = "Deny", actions = ["kms:Encrypt", "kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "beta" = { effect = "Allow", actions = ["kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "c" = { effect = "Deny", actions = ["kms:GenerateDataKey*", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p1.json.tftpl", { keys = ["delta"], actions = ["kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:Decrypt"] })], [templatefile("${path.module}/p3.json.tftpl", { keys = sort(["delta", "gamma", "a1", "alpha"]), actions = ["kms:DescribeKey", "kms:ListAliases"] })])

  dynamic "statement" {
    for_each = local.dy2
    content {
      sid       = "P2${statement.key}"
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
