module "m2" {
  count  = 3
  source = "./modules/m2"
  name   = element(["alpha", "b_x", "a1"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p1.json.tftpl", { keys = ["gamma", "a2", "beta"], actions = ["kms:ReEncrypt*", "kms:Decrypt"] })], [for m in module.m2 : m.json])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
