locals {
  dy1 = {
    "a2" = { effect = "Deny", actions = ["kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "alpha" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
  }
}

locals {
  cn3_names = ["Zeta"]
}

data "aws_iam_policy_document" "cn3" {
  count = length(local.cn3_names)

  statement {
    sid       = "P3N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey*", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn3_names[count.index]}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p2.json.tftpl", { keys = ["gamma"], actions = ["kms:ListAliases", "kms:GenerateDataKey*"] })], [for d in data.aws_iam_policy_document.cn3 : d.json])

  dynamic "statement" {
    for_each = values(local.dy1)
    content {
      sid       = "P1I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
