
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        base64sha256("kms"),
        jsonencode(zipmap(["b", "a", "b"], [1, 2, 3])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
