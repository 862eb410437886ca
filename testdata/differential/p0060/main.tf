locals {
  m1_base = { for k in ["delta", "c", "gamma"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m1" {
  for_each = { for k, v in local.m1_base : k => v if k != "gamma" }
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, m in module.m1 : m.json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
