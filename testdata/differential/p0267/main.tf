module "m2" {
  for_each = toset(["Zeta", "a2"])
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p1.json.tftpl", { keys = ["a10", "omega", "c", "a1"], actions = ["kms:ListAliases"] })], [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:CreateGrant", "kms:ListAliases"] })])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
