locals {
  cn1_names = ["gamma"]
}

data "aws_iam_policy_document" "cn1" {
  count = length(local.cn1_names)

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn1_names[count.index]}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [element(data.aws_iam_policy_document.cn1[*].json, 1)]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
