locals {
  t2 = {
    "c" = { name = "c", actions = ["kms:CreateGrant", "kms:ListAliases"], keys = ["beta", "beta"], tags = { "aws:PrincipalTag/team" = "omega", "aws:PrincipalTag/level" = 3 }, weight = "7" }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

locals {
  fe3_base = { for k in ["Zeta", "c", "beta", "delta"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe3" {
  for_each = { for k, v in local.fe3_base : k => v if k != "delta" }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:DescribeKey", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], [for d in data.aws_iam_policy_document.fe3 : d.minified_json]])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        urlencode("a b&c=d/é"),
        jsonencode(tomap({ a = 1, b = "2" })),
        sha1("kms"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
