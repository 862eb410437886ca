module "m1" {
  count  = 3
  source = "./modules/m1"
  name   = element(["b_x", "beta", "c"], count.index)
}

locals {
  m3_keys = ["delta"]
}

module "m3" {
  for_each = toset(local.m3_keys)
  source   = "./modules/m3"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, m in module.m3 : m.json]

  statement {
    sid       = "P1Roles"
    actions   = ["kms:GenerateDataKey", "kms:ListAliases", "kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m1[*].arn
    }
  }

  statement {
    sid       = "P2F${replace(tostring(10 / 4), ".", "d")}"
    actions   = [["kms:DescribeKey", "kms:ReEncrypt*"][index(["kms:DescribeKey", "kms:ReEncrypt*"], "kms:DescribeKey")]]
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
