locals {
  m1_keys = ["a1"]
}

module "m1" {
  for_each = toset(local.m1_keys)
  source   = "./modules/m1"
  name     = each.key
}

module "m2" {
  for_each = toset(["beta", "c", "a10", "a2"])
  source   = "./modules/m2"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([module.m1["a1"].json], values(module.m2)[*].json)

  statement {
    sid       = "P3F${replace(tostring(abs(-4.25)), ".", "d")}"
    actions   = slice(["kms:DescribeKey", "kms:GenerateDataKey"], 0, 2)
    resources = [join("/", split(":", "arn:aws:kms"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
