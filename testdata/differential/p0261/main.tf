
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(max(3, 7.5)), ".", "d")}"
    actions   = [element(["kms:GenerateDataKey*", "kms:Encrypt", "kms:GenerateDataKey"], 7)]
    resources = [coalesce("", "arn:aws:kms:us-east-1:111122223333:key/first")]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
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
        format("%d items, %s", 3, true),
        jsonencode(sort([for n in [3, 1, 10] : tostring(n)])),
        jsonencode(max(-0, 0)),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
