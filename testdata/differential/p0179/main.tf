module "m2" {
  for_each = { for k in ["omega", "Zeta"] : k => upper(k) }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m2)[*].statements) })]

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(merge({ a = 1, b = { c = 1 } }, { b = { d = 2 } })),
        jsonencode({ for s in ["b", "a"] : s => upper(s) if s != "c" }),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
