locals {
  cn1_on = true
}

data "aws_iam_policy_document" "cn1" {
  count = local.cn1_on ? 3 : 0

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for d in data.aws_iam_policy_document.cn1 : d.json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
