data "aws_iam_policy_document" "cn1" {
  count = 3

  statement {
    sid       = "P1N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey", "kms:ReEncrypt*", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "fe3" {
  for_each = {
    "a1" = "arn:aws:iam::111122223333:role/a1"
  }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:DescribeKey", "kms:Decrypt", "kms:CreateGrant"]
    resources = [each.value]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[data.aws_iam_policy_document.cn1[0].json], [for k in reverse(sort(keys(data.aws_iam_policy_document.fe3))) : data.aws_iam_policy_document.fe3[k].json]])

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        timeadd("2024-01-31T00:00:00Z", "25h"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
