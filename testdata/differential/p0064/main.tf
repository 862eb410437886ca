locals {
  m1_base = { for k in ["a2", "a10", "Zeta", "c"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m1" {
  for_each = { for k, v in local.m1_base : k => v if k != "c" }
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Roles"
    actions   = ["kms:ReEncrypt*", "kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [for m in module.m1 : m.arn]
    }
  }

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(tobool("true")),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
