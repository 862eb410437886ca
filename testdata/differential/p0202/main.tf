locals {
  m2_base = { for k in ["omega", "alpha", "c", "a1", "a2"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m2" {
  for_each = { for k, v in local.m2_base : k => v if k != "a2" }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p1.json.tftpl", { keys = ["omega", "Zeta", "alpha", "a2"], actions = ["kms:DescribeKey", "kms:Decrypt", "kms:ReEncrypt*"] })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.m2 : m.statements]) })], [templatefile("${path.module}/p3.json.tftpl", { keys = ["delta"], actions = ["kms:Encrypt", "kms:ListAliases", "kms:GenerateDataKey"] })])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
