locals {
  je1_keys = zipmap(["c", "b_x", "a10"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["c", "b_x", "a10"]))
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:CreateGrant"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "fe3" {
  for_each = { for k in ["beta"] : k => upper(k) }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:DescribeKey"]
    resources = [each.value]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.je1], [data.aws_iam_policy_document.fe3["beta"].json])

  statement {
    sid       = "P2F${replace(tostring(length("héllo")), ".", "d")}"
    actions   = [element(["kms:GenerateDataKey*", "kms:ListAliases"], 7)]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["c", "Zeta"])
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
