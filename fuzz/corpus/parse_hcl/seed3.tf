# The seed's dynamic statement with a wildcard pattern in the variable
# default: the finding points at the pattern in the default.
variable "kms_alias_patterns" {
  type    = list(string)
  default = ["alias/some-prefix-*-sops"]
}

data "aws_iam_policy_document" "my_key_access" {
  dynamic "statement" {
    for_each = length(var.kms_alias_patterns) > 0 ? toset(var.kms_alias_patterns) : []
    content {
      sid       = "KMSAliasAccess"
      resources = ["*"]
      actions   = ["kms:Decrypt*", "kms:DescribeKey"]

      condition {
        test     = "ForAnyValue:StringLike"
        variable = "kms:ResourceAliases"
        values   = [statement.value]
      }
    }
  }
}
