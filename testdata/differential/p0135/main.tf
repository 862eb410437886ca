
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(-7 % 3),
        cidrnetmask("10.0.0.0/12"),
        tostring(7.5 % 2),
        jsonencode(jsondecode("{\"b\": 1.50, \"a\": [true, null, \"\\u00e9\"]}")),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
