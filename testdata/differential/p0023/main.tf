data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["a10", "c", "gamma"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey*", "kms:GenerateDataKey", "kms:Decrypt"]
    resources = [each.value]
  }
}

locals {
  m2_keys = ["beta", "alpha", "gamma"]
}

module "m2" {
  for_each = toset(local.m2_keys)
  source   = "./modules/m2"
  name     = each.key
}

locals {
  cn3_on = true
}

data "aws_iam_policy_document" "cn3" {
  count = local.cn3_on ? 2 : 0

  statement {
    sid       = "P3N${count.index}"
    effect    = "Deny"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for k, d in data.aws_iam_policy_document.fe1 : d.json if k != "c"], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.m2 : m.statements]) })], [data.aws_iam_policy_document.cn3[0].json]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
