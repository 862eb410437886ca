data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:GenerateDataKey", "kms:ReEncrypt*", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  cn3_names = ["delta", "c", "a2"]
}

data "aws_iam_policy_document" "cn3" {
  count = length(local.cn3_names)

  statement {
    sid       = "P3N${count.index}"
    effect    = "Deny"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn3_names[count.index]}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([data.aws_iam_policy_document.sp1[*].json, data.aws_iam_policy_document.sp2[*].json, reverse(data.aws_iam_policy_document.cn3[*].json)])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
