module "m1" {
  for_each = toset(["gamma", "delta"])
  source   = "./modules/m1"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for m in values(module.m1) : m.json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
