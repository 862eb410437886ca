data "aws_iam_policy_document" "cn1" {
  count = 2

  statement {
    sid       = "P1N${count.index}"
    effect    = "Deny"
    actions   = ["kms:ReEncrypt*", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = reverse(data.aws_iam_policy_document.cn1[*].json)
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
