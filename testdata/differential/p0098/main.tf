
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Jose\u0301"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/café"]
  }

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(jsondecode("{\"b\": 1.50, \"a\": [true, null, \"\\u00e9\"]}")),
        join("", [for c in regexall(".", "abc") : upper(c)]),
        jsonencode(yamldecode("a: [1, 2.5, yes, null]\nb: 'x'")),
        jsonencode({ for k, v in { b = "x", a = "y", c = "x" } : v => k... }),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
