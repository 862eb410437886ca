locals {
  t3 = {
    "beta" = { name = "beta", actions = ["kms:CreateGrant"], keys = ["a1", "a1"], weight = "7" }
    "alpha" = { name = "alpha", actions = ["kms:ListAliases", "kms:CreateGrant"], keys = ["delta", "delta"], tags = { "aws:PrincipalTag/team" = "c", "aws:PrincipalTag/level" = 5 } }
    "Zeta" = { name = "Zeta", actions = ["kms:ReEncrypt*"], keys = ["a2", "a2"], weight = 0.25 }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

locals {
  fe4_keys = ["delta"]
}

data "aws_iam_policy_document" "fe4" {
  for_each = toset(local.fe4_keys)

  statement {
    sid       = "P4U${each.key}"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })], [lookup(data.aws_iam_policy_document.fe4, "delta").json]])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(distinct([1, "1", 2])),
        jsonencode(coalesce(null, "", "z")),
        jsonencode(0.1 + 0.2),
        jsonencode(9007199254740993),
      ]
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
        jsonencode(flatten([[], [[["deep"]]], "top"])),
        format("%05.1f|%-6s|%x|%q", 3.14159, "ab", 255, "q\"t"),
        tostring(pow(2, 0.5)),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
