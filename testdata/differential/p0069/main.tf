locals {
  m2_base = { for k in ["a10", "gamma", "b_x"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m2" {
  for_each = { for k, v in local.m2_base : k => v if k != "b_x" }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for m in values(module.m2) : m.json]

  statement {
    sid       = "P1F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])
    resources = values(zipmap(["b", "a", "C"], ["arn:aws:kms:us-east-1:111122223333:key/2", "arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms:us-east-1:111122223333:key/0"]))
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
