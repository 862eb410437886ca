data "aws_iam_policy_document" "cn2" {
  count = 2

  statement {
    sid       = "P2N${count.index}"
    effect    = "Deny"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p1.json.tftpl", { keys = ["delta", "a1", "gamma"], actions = ["kms:Decrypt", "kms:ListAliases"] })], [element(data.aws_iam_policy_document.cn2[*].json, 3)])

  statement {
    sid       = "P3F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
