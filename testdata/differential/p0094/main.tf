
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        yamlencode({ b = [1, "two"], a = { c = true } }),
        tostring(parseint("-1F", 16)),
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
        format("%.3e", 123456.789),
        jsonencode(1000000 * 1000000),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
