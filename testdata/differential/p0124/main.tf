locals {
  dy1 = {
    "beta" = { effect = "Allow", actions = ["kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "a1" = { effect = "Deny", actions = ["kms:CreateGrant", "kms:ReEncrypt*", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
    "gamma" = { effect = "Deny", actions = ["kms:DescribeKey", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "omega" = { effect = "Deny", actions = ["kms:CreateGrant", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
  }
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp2_none = null
}

data "aws_iam_policy_document" "fe3" {
  for_each = {
    "gamma" = "arn:aws:iam::111122223333:role/gamma"
    "a2" = "arn:aws:iam::111122223333:role/a2"
    "a1" = "arn:aws:iam::111122223333:role/a1"
    "c" = "arn:aws:iam::111122223333:role/c"
  }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([concat(local.sp2_none[*], [data.aws_iam_policy_document.sp2.json]), [for d in data.aws_iam_policy_document.fe3 : d.json]])

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
