locals {
  cn1_names = ["beta", "b_x", "omega"]
}

data "aws_iam_policy_document" "cn1" {
  count = length(local.cn1_names)

  statement {
    sid       = "P1N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey*", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn1_names[count.index]}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = data.aws_iam_policy_document.cn1[*].json
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
