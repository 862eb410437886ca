data "aws_iam_policy_document" "cn1" {
  count = 2

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

locals {
  cn2_on = true
}

data "aws_iam_policy_document" "cn2" {
  count = local.cn2_on ? 2 : 0

  statement {
    sid       = "P2N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey", "kms:Encrypt", "kms:CreateGrant"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

locals {
  m3_base = { for k in ["beta", "alpha"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m3" {
  for_each = { for k, v in local.m3_base : k => v if k != "alpha" }
  source   = "./modules/m3"
  name     = each.key
}

locals {
  cn4_names = ["a1", "alpha"]
}

data "aws_iam_policy_document" "cn4" {
  count = length(local.cn4_names)

  statement {
    sid       = "P4N${count.index}"
    effect    = "Deny"
    actions   = ["kms:ListAliases", "kms:CreateGrant", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn4_names[count.index]}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([data.aws_iam_policy_document.cn1[*].json, reverse(data.aws_iam_policy_document.cn2[*].json), reverse(data.aws_iam_policy_document.cn4[*].json)])

  statement {
    sid       = "P3Roles"
    actions   = ["kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m3 : k => m.arn })
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
