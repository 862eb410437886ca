module "m1" {
  for_each = toset(["alpha", "c"])
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p1.json.tftpl", { roles = { for k, m in module.m1 : k => m.arn }, actions = ["kms:GenerateDataKey*", "kms:Decrypt", "kms:DescribeKey"], last = "c" })]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
