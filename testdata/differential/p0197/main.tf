locals {
  dy1 = {
    "c" = { effect = "Deny", actions = ["kms:ListAliases", "kms:Encrypt", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "omega" = { effect = "Allow", actions = ["kms:Encrypt", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "alpha" = { effect = "Allow", actions = ["kms:GenerateDataKey", "kms:ListAliases", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "b_x" = { effect = "Deny", actions = ["kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
  }
}

locals {
  je2_keys = zipmap(["b_x", "a10", "gamma"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["b_x", "a10", "gamma"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = "kms:GenerateDataKey", Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

module "m4" {
  for_each = toset(["a10", "alpha", "a1"])
  source   = "./modules/m4"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.je2], [module.m4["a1"].json])

  dynamic "statement" {
    for_each = local.dy1
    content {
      sid       = "P1${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(9007199254740993),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
