
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(values({ z = "last", a = "first", M = "middle" })),
        jsonencode(regex("^(?P<svc>[a-z]+):(?P<op>[A-Za-z*]+)$", "kms:Decrypt")),
        jsonencode(tolist(["a", 1, true])),
        format("%d items, %s", 3, true),
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
        jsonencode(compact(["a", "", "b", ""])),
        format("%t-%v-%v", false, 12, "x"),
        jsonencode(coalesce(null, "", "z")),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
