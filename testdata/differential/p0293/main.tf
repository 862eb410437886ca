data "aws_iam_policy_document" "cn1" {
  count = 2

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "cn3" {
  count = 2

  statement {
    sid       = "P3N${count.index}"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

locals {
  dy4 = {
    "gamma" = { effect = "Deny", actions = ["kms:Encrypt", "kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "delta" = { effect = "Allow", actions = ["kms:Decrypt", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "c" = { effect = "Allow", actions = ["kms:GenerateDataKey*", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "alpha" = { effect = "Deny", actions = ["kms:Encrypt", "kms:Decrypt", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for i, d in data.aws_iam_policy_document.cn1 : d.json if i % 2 == 0], slice(data.aws_iam_policy_document.cn3[*].json, 0, 2))

  statement {
    sid       = "P2F${replace(tostring(floor(7.9)), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = [replace("arn:aws:kms:us-east-1:111122223333:key/alpha-1", "/-[0-9]+$/", "")]
  }

  dynamic "statement" {
    for_each = values(local.dy4)
    content {
      sid       = "P4I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
