# From "AWS KMS Alias Based Policies": the fix, selecting keys by alias with
# kms:ResourceAliases in a dynamic statement. Exact alias names: nothing to
# report.
variable "kms_alias_patterns" {
  type    = list(string)
  default = ["alias/payments-sops", "alias/orders-sops"]
}

data "aws_iam_policy_document" "my_key_access" {
  dynamic "statement" {
    for_each = length(var.kms_alias_patterns) > 0 ? toset(var.kms_alias_patterns) : []
    content {
      sid       = "KMSAliasAccess"
      effect    = "Allow"
      resources = ["*"]

      actions = [
        "kms:Decrypt*",
        "kms:Encrypt*",
        "kms:GenerateDataKey",
        "kms:ReEncrypt*",
        "kms:DescribeKey",
      ]

      condition {
        test     = "ForAnyValue:StringLike"
        variable = "kms:ResourceAliases"
        values   = [statement.value]
      }
    }
  }
}
