locals {
  dy1 = {
    "omega" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:Decrypt", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
  }
}

data "aws_iam_policy_document" "cn2" {
  count = 1

  statement {
    sid       = "P2N${count.index}"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "fe3" {
  for_each = {
    "Zeta" = "arn:aws:iam::111122223333:role/Zeta"
    "gamma" = "arn:aws:iam::111122223333:role/gamma"
  }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

locals {
  je4_keys = merge({ "a2" = "arn:aws:kms:us-east-1:111122223333:key/a-a2", "alpha" = "arn:aws:kms:us-east-1:111122223333:key/a-alpha" }, { "alpha" = "arn:aws:kms:us-east-1:111122223333:key/b-alpha", "beta" = "arn:aws:kms:us-east-1:111122223333:key/b-beta" })
  je4 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je4_keys : { Sid = "P4${k}", Effect = "Allow", Action = ["kms:GenerateDataKey*", "kms:DescribeKey"], Resource = v }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for d in data.aws_iam_policy_document.cn2 : d.json], [for k, d in data.aws_iam_policy_document.fe3 : k == "Zeta" ? d.json : ""], [local.je4]])

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
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
