
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        replace("kms:Decrypt", "/^(\\w+):(\\w+)$/", "$2@$1"),
        substr("héllo wörld", 1, 4),
        jsonencode(try(tonumber("12x"), "not a number")),
        "${1 + 2}-${5 / 2}-${true}-${"x"}",
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
