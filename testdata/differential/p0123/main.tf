module "m1" {
  count  = 1
  source = "./modules/m1"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for m in module.m1 : m.json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
