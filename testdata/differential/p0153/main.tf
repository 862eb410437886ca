locals {
  dy1 = {
    "a2" = { effect = "Deny", actions = ["kms:Encrypt", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "delta" = { effect = "Deny", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "gamma" = { effect = "Deny", actions = ["kms:CreateGrant", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
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

  statement {
    sid       = "P2F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = [for a in ["kms:Encrypt", "kms:Decrypt"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
