module "m1" {
  count  = 3
  source = "./modules/m1"
  name   = element(["a2", "beta", "delta"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = module.m1[*].json
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
