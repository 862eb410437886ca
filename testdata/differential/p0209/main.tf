data "aws_iam_policy_document" "cn3" {
  count = 1

  statement {
    sid       = "P3N${count.index}"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = data.aws_iam_policy_document.cn3[*].minified_json

  statement {
    sid       = "P1F${replace(tostring(length("héllo")), ".", "d")}"
    actions   = [element(["kms:ListAliases", "kms:CreateGrant", "kms:GenerateDataKey*"], 7)]
    resources = [replace("arn:aws:kms:us-east-1:111122223333:key/alpha-1", "/-[0-9]+$/", "")]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }

  statement {
    sid       = "P2F${replace(tostring(abs(-4.25)), ".", "d")}"
    actions   = compact(["", "kms:Decrypt", ""])
    resources = [join("/", split(":", "arn:aws:kms"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
