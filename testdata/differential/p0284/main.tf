module "m1" {
  for_each = toset(["b_x", "omega"])
  source   = "./modules/m1"
  name     = each.key
}

module "m2" {
  for_each = {
    "beta" = "arn:aws:iam::111122223333:role/beta"
  }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m2)[*].statements) })]

  statement {
    sid       = "P1Roles"
    actions   = ["kms:GenerateDataKey", "kms:ReEncrypt*", "kms:ListAliases"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m1 : k => m.arn })
    }
  }

  statement {
    sid       = "P3F${replace(tostring(parseint("ff", 16)), ".", "d")}"
    actions   = flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
