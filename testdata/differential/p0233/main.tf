
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        substr("héllo wörld", 1, 4),
        jsonencode(ceil(-1.5)),
        tostring(tobool("true")),
        replace("a-b-c", "-", "+"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
