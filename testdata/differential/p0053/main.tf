module "m1" {
  for_each = toset(["b_x", "a10", "beta"])
  source   = "./modules/m1"
  name     = lower(each.key)
}

module "m2" {
  for_each = toset(["a10", "c", "a1", "alpha"])
  source   = "./modules/m2"
  name     = each.key
}

module "m3" {
  count  = 1
  source = "./modules/m3"
  name   = element(["beta"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([module.m1["b_x"].json], [for k, m in module.m2 : m.json], module.m3[*].json)
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
