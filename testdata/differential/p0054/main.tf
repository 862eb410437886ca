data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp1_none = null
}

locals {
  t3 = {
    "delta" = { name = "delta", actions = ["kms:GenerateDataKey*"], keys = ["c", "a10", "c"], weight = 10 }
    "alpha" = { name = "alpha", actions = ["kms:GenerateDataKey*", "kms:ListAliases"], keys = ["gamma", "c", "delta", "gamma"], tags = { "aws:PrincipalTag/team" = "gamma", "aws:PrincipalTag/level" = 10 } }
    "beta" = { name = "beta", actions = ["kms:ReEncrypt*", "kms:GenerateDataKey*"], keys = ["beta", "beta"] }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([concat(local.sp1_none[*], [data.aws_iam_policy_document.sp1.json]), [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })]])

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(concat(["a"], tolist(["b"]), [1])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
