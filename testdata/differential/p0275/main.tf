locals {
  cn1_names = ["b_x"]
}

data "aws_iam_policy_document" "cn1" {
  count = length(local.cn1_names)

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn1_names[count.index]}"]
  }
}

locals {
  cn2_names = ["beta", "c", "omega"]
}

data "aws_iam_policy_document" "cn2" {
  count = length(local.cn2_names)

  statement {
    sid       = "P2N${count.index}"
    effect    = "Allow"
    actions   = ["kms:ListAliases", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn2_names[count.index]}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(data.aws_iam_policy_document.cn1[*].json, [for d in data.aws_iam_policy_document.cn2 : d.json])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
