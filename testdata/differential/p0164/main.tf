
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = [["kms:CreateGrant", "kms:ListAliases", "kms:DescribeKey", "kms:GenerateDataKey"][index(["kms:CreateGrant", "kms:ListAliases", "kms:DescribeKey", "kms:GenerateDataKey"], "kms:CreateGrant")]]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
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
        urlencode("a b&c=d/é"),
        cidrsubnet("10.0.0.0/16", 8, 2),
        jsonencode(123456789012345678901234567890),
        jsonencode(tolist(["a", 1, true])),
      ]
    }
  }

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(0.1 + 0.2),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
