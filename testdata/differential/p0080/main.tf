locals {
  t2 = {
    "a10" = { name = "a10", keys = ["a10", "a10"] }
    "a1" = { name = "a1", actions = ["kms:GenerateDataKey*", "kms:GenerateDataKey"], keys = ["a1", "a1"] }
    "Zeta" = { name = "Zeta", keys = ["b_x", "b_x"], tags = { "aws:PrincipalTag/team" = "omega", "aws:PrincipalTag/level" = 2 } }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })]

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode({ for k, v in { b = "x", a = "y", c = "x" } : v => k... }),
        jsonencode(one([])),
        jsonencode(setproduct(["x", "y"], ["1", "2"])),
        replace("aaa", "/a*?/", "-"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
