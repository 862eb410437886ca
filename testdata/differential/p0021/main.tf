
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        sha1("kms"),
        jsonencode(distinct([1, "1", 2])),
        jsonencode({ b = [1, "2", true], a = null, "<&>" = "x<y" }),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
