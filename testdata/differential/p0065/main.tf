
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
        chomp("line\r\n\n"),
        jsonencode(lookup({ a = "1" }, "b", null)),
        join("", [for c in regexall(".", "abc") : upper(c)]),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
