data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:Decrypt", "kms:CreateGrant", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  dy4 = {
    "a10" = { effect = "Deny", actions = ["kms:ListAliases", "kms:CreateGrant", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "Zeta" = { effect = "Allow", actions = ["kms:ReEncrypt*", "kms:Decrypt", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p1.json.tftpl", { keys = ["a10", "Zeta"], actions = ["kms:GenerateDataKey", "kms:GenerateDataKey*", "kms:DescribeKey"] })], data.aws_iam_policy_document.sp2[*].json)

  statement {
    sid       = "P3F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = compact(["", "kms:Decrypt", ""])
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${tostring(0.1 + 0.2)}"]
  }

  dynamic "statement" {
    for_each = local.dy4
    content {
      sid       = "P4${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
