module "m1" {
  for_each = toset(["gamma", "beta"])
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, m in module.m1 : m.json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
