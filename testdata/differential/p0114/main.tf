data "aws_iam_policy_document" "cn1" {
  count = 1

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = reverse(data.aws_iam_policy_document.cn1[*].json)
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
