module "m1" {
  for_each = { for k in ["c", "a2", "Zeta"] : k => upper(k) }
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for m in values(module.m1) : m.json]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(one([])),
        jsonencode(0.000001),
        jsonencode(transpose({ a = ["1", "2"], b = ["2"] })),
        format("%d items, %s", 3, true),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
