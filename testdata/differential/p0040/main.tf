locals {
  m2_keys = ["gamma", "Zeta", "delta", "a10"]
}

module "m2" {
  for_each = toset(local.m2_keys)
  source   = "./modules/m2"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m2)[*].statements) })]

  statement {
    sid       = "P1F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
