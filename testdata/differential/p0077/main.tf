data "aws_iam_policy_document" "cn1" {
  count = 2

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:DescribeKey", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

locals {
  fe2_base = { for k in ["a1", "beta"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe2" {
  for_each = { for k, v in local.fe2_base : k => v if k != "beta" }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for d in data.aws_iam_policy_document.cn1 : d.json], [for k, d in data.aws_iam_policy_document.fe2 : d.json if k != "a1"]])

  statement {
    sid       = "P3F${replace(tostring(1e3), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = [element(formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["a2"]), 5)]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
