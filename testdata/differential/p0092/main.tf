locals {
  je2_keys = merge({ "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/a-Zeta", "b_x" = "arn:aws:kms:us-east-1:111122223333:key/a-b_x" }, { "b_x" = "arn:aws:kms:us-east-1:111122223333:key/b-b_x" })
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:ListAliases", "kms:GenerateDataKey*", "kms:ReEncrypt*"], Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "fe3" {
  for_each = toset(["alpha", "a2", "a10", "b_x"])

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "sp4" {
  statement {
    sid       = "P4Splat"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.je2], [try(data.aws_iam_policy_document.fe3["missing"].json, data.aws_iam_policy_document.fe3["a2"].json)], [for d in [data.aws_iam_policy_document.sp4] : d.json])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(matchkeys(["a", "b", "c"], ["1", "2", "3"], ["3", "1"])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
