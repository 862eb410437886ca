
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        "%%{literal} $${literal}",
        jsonencode(keys({ "b" = 1, "B" = 2, "a" = 3, "_" = 4, "10" = 5, "9" = 6 })),
        tostring(1e21),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
