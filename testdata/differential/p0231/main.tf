data "aws_iam_policy_document" "fe1" {
  for_each = toset(["a1", "omega", "Zeta"])

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "cn2" {
  count = 1

  statement {
    sid       = "P2N${count.index}"
    effect    = "Deny"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for d in data.aws_iam_policy_document.fe1 : d.minified_json], [one(data.aws_iam_policy_document.cn2[*].json)]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
