module "m2" {
  for_each = toset(["omega", "alpha", "a1"])
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(1 / 3), ".", "d")}"
    actions   = flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }

  statement {
    sid       = "P2Roles"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ListAliases"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [for m in module.m2 : m.arn]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
