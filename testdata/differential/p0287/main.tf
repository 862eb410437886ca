locals {
  je1_keys = zipmap(["gamma", "c", "b_x"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["gamma", "c", "b_x"]))
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:DescribeKey", Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = element(["a2"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[local.je1], [for m in module.m2 : m.json]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
