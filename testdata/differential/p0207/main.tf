data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:GenerateDataKey*", "kms:DescribeKey", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  missing_obj = { present = true }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = data.aws_iam_policy_document.sp2[*].json

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(length("e\u0301te\u0301")),
        jsonencode(range(5, 0, -2)),
        jsonencode(toset([3, 1, 2, 10])),
      ]
    }
  }

  statement {
    sid       = "P3F${replace(tostring(7 % 3), ".", "d")}"
    actions   = flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])
    resources = [try(local.missing_obj.nope, "arn:aws:kms:us-east-1:111122223333:key/fallback")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
