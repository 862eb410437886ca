locals {
  fe1_keys = ["a1", "delta", "alpha"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

locals {
  dy2 = {
    "b_x" = { effect = "Allow", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
    "a10" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:Decrypt", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "a1" = { effect = "Deny", actions = ["kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
    "c" = { effect = "Allow", actions = ["kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, d in data.aws_iam_policy_document.fe1 : d.json if k != "a1"]

  dynamic "statement" {
    for_each = local.dy2
    content {
      sid       = "P2${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
