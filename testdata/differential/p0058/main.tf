locals {
  cn1_names = ["omega", "a10", "gamma"]
}

data "aws_iam_policy_document" "cn1" {
  count = length(local.cn1_names)

  statement {
    sid       = "P1N${count.index}"
    effect    = "Deny"
    actions   = ["kms:Decrypt", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn1_names[count.index]}"]
  }
}

module "m2" {
  for_each = toset(["gamma", "delta", "Zeta", "omega"])
  source   = "./modules/m2"
  name     = each.key
}

locals {
  je3_keys = zipmap(["Zeta", "alpha"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["Zeta", "alpha"]))
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:ReEncrypt*", "kms:GenerateDataKey*"], Resource = v }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for i, d in data.aws_iam_policy_document.cn1 : d.json if i % 2 == 0], [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:GenerateDataKey", "kms:GenerateDataKey*"] })], [local.je3]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
