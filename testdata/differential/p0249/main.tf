
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(keys({ "b" = 1, "B" = 2, "a" = 3, "_" = 4, "10" = 5, "9" = 6 })),
        jsonencode(try(tonumber("12x"), "not a number")),
        jsonencode(sort([for n in [3, 1, 10] : tostring(n)])),
        title("hello wORLD-and_more élan"),
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
        tostring(tonumber("1.50")),
        format("%t-%v-%v", false, 12, "x"),
        jsonencode(lookup({ a = "1" }, "b", null)),
        jsonencode(merge({ a = 1, b = { c = 1 } }, { b = { d = 2 } })),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
