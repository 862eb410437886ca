data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "fe2" {
  for_each = {
    "beta" = "arn:aws:iam::111122223333:role/beta"
    "a10" = "arn:aws:iam::111122223333:role/a10"
    "a2" = "arn:aws:iam::111122223333:role/a2"
    "c" = "arn:aws:iam::111122223333:role/c"
  }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt", "kms:ReEncrypt*"]
    resources = [each.value]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }
}

locals {
  dy3 = {
    "c" = { effect = "Allow", actions = ["kms:GenerateDataKey", "kms:GenerateDataKey*", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(data.aws_iam_policy_document.sp1[*].json, [for k in keys(data.aws_iam_policy_document.fe2) : data.aws_iam_policy_document.fe2[k].json])

  dynamic "statement" {
    for_each = local.dy3
    content {
      sid       = "P3${statement.key}"
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
