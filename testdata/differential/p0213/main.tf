module "m2" {
  for_each = toset(["gamma", "a10", "a2"])
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:ListAliases"], last = "gamma" })]

  statement {
    sid       = "P1F${replace(tostring(-0), ".", "d")}"
    actions   = slice(["kms:ReEncrypt*", "kms:Encrypt", "kms:DescribeKey", "kms:Decrypt"], 0, 2)
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }

  statement {
    sid       = "P3F${replace(tostring(floor(7.9)), ".", "d")}"
    actions   = distinct(concat(["kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], ["kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"]))
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
