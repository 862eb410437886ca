locals {
  cn1_on = true
}

data "aws_iam_policy_document" "cn1" {
  count = local.cn1_on ? 2 : 0

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:ListAliases", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [element(data.aws_iam_policy_document.cn1[*].json, 5)]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
