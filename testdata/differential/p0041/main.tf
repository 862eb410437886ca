data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["a2", "Zeta"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:CreateGrant", "kms:ListAliases"]
    resources = [each.value]
  }
}

locals {
  m2_keys = ["c", "a10", "delta"]
}

module "m2" {
  for_each = toset(local.m2_keys)
  source   = "./modules/m2"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.fe1["Zeta"].json]

  statement {
    sid       = "P2Roles"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m2 : k => m.arn })
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
        jsonencode(1000000 * 1000000),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
