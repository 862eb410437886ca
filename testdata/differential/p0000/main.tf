locals {
  t1 = {
    "omega" = { name = "omega", keys = ["c", "c"], weight = "7" }
    "beta" = { name = "beta", keys = ["gamma", "gamma"], weight = 0.25 }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = "n${count.index}"
}

locals {
  je3_keys = merge({ "alpha" = "arn:aws:kms:us-east-1:111122223333:key/a-alpha", "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/a-Zeta" }, { "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/b-Zeta" })
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = "kms:CreateGrant", Resource = v }]
  })
}

module "m4" {
  for_each = toset(["delta"])
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], [for m in module.m2 : m.json], [local.je3], [templatefile("${path.module}/p4.json.tftpl", { roles = { for k, m in module.m4 : k => m.arn }, actions = ["kms:CreateGrant", "kms:Encrypt"], last = "delta" })])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
