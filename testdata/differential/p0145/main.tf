data "aws_iam_policy_document" "fe1" {
  for_each = {
    "a2" = "arn:aws:iam::111122223333:role/a2"
    "c" = "arn:aws:iam::111122223333:role/c"
    "beta" = "arn:aws:iam::111122223333:role/beta"
    "a1" = "arn:aws:iam::111122223333:role/a1"
  }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey", "kms:Encrypt", "kms:ReEncrypt*"]
    resources = [each.value]
  }
}

locals {
  dy2 = {
    "beta" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:ListAliases", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
  }
}

data "aws_iam_policy_document" "cn3" {
  count = 2

  statement {
    sid       = "P3N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([try(data.aws_iam_policy_document.fe1["missing"].json, data.aws_iam_policy_document.fe1["beta"].json)], slice(data.aws_iam_policy_document.cn3[*].json, 0, 2))

  dynamic "statement" {
    for_each = values(local.dy2)
    content {
      sid       = "P2I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
