locals {
  je1_keys = merge({ "omega" = "arn:aws:kms:us-east-1:111122223333:key/a-omega" }, { "omega" = "arn:aws:kms:us-east-1:111122223333:key/b-omega" })
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:GenerateDataKey", Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

locals {
  cn3_names = ["alpha", "b_x"]
}

data "aws_iam_policy_document" "cn3" {
  count = length(local.cn3_names)

  statement {
    sid       = "P3N${count.index}"
    effect    = "Allow"
    actions   = ["kms:DescribeKey", "kms:ReEncrypt*", "kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn3_names[count.index]}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.je1], data.aws_iam_policy_document.cn3[*].minified_json)

  statement {
    sid       = "P2F${replace(tostring(pow(2, 10)), ".", "d")}"
    actions   = [["kms:CreateGrant", "kms:ReEncrypt*"][index(["kms:CreateGrant", "kms:ReEncrypt*"], "kms:CreateGrant")]]
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
