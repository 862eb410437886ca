module "m1" {
  for_each = { for k in ["a1", "delta"] : k => upper(k) }
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m1)[*].statements) })]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
