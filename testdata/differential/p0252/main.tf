
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(2e-3), ".", "d")}"
    actions   = [element(["kms:GenerateDataKey", "kms:GenerateDataKey*"], 7)]
    resources = [replace("arn:aws:kms:us-east-1:111122223333:key/alpha-1", "/-[0-9]+$/", "")]
  }

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        replace("aaa", "/a*?/", "-"),
        jsonencode(0.000001),
        jsonencode(startswith("kms:Decrypt", "kms:")),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
