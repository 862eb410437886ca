locals {
  fe1_keys = ["a10", "c", "a2", "alpha"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:ListAliases", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }
}

module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for d in data.aws_iam_policy_document.fe1 : d.minified_json], [module.m2[0].json]])

  statement {
    sid       = "P3F${replace(tostring(10 / 4), ".", "d")}"
    actions   = flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
