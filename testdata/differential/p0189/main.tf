
data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p1.json.tftpl", { keys = ["a10", "b_x", "omega", "gamma"], actions = ["kms:CreateGrant"] })]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        cidrsubnet("10.0.0.0/16", 8, 2),
        trimsuffix("file.json", ".json"),
        tostring(tobool("true")),
        jsonencode(values({ z = "last", a = "first", M = "middle" })),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
