locals {
  dy1 = {
    "gamma" = { effect = "Deny", actions = ["kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "alpha" = { effect = "Deny", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "b_x" = { effect = "Allow", actions = ["kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
  }
}

data "aws_iam_policy_document" "fe2" {
  for_each = toset(["alpha", "delta", "omega", "b_x"])

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k in keys(data.aws_iam_policy_document.fe2) : data.aws_iam_policy_document.fe2[k].json]

  dynamic "statement" {
    for_each = values(local.dy1)
    content {
      sid       = "P1I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }

  statement {
    sid       = "P3F${replace(tostring(-0), ".", "d")}"
    actions   = [for a in ["kms:GenerateDataKey", "kms:ReEncrypt*", "kms:Encrypt"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${title(substr("hello world", 0, 7))}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
