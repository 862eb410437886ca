locals {
  m2_base = { for k in ["delta", "omega", "a1", "a2", "alpha"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m2" {
  for_each = { for k, v in local.m2_base : k => v if k != "alpha" }
  source   = "./modules/m2"
  name     = each.key
}

locals {
  cn3_on = true
}

data "aws_iam_policy_document" "cn3" {
  count = local.cn3_on ? 3 : 0

  statement {
    sid       = "P3N${count.index}"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "cn4" {
  count = 3

  statement {
    sid       = "P4N${count.index}"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(data.aws_iam_policy_document.cn3[*].minified_json, reverse(data.aws_iam_policy_document.cn4[*].json))

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        format("%t-%v-%v", false, 12, "x"),
        jsonencode(ceil(-1.5)),
      ]
    }
  }

  statement {
    sid       = "P2Roles"
    actions   = ["kms:Encrypt", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m2 : k => m.arn })
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
