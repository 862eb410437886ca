locals {
  m1_base = { for k in ["a10", "omega", "a2", "Zeta"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m1" {
  for_each = { for k, v in local.m1_base : k => v if k != "Zeta" }
  source   = "./modules/m1"
  name     = each.key
}

module "m2" {
  for_each = toset(["c", "delta"])
  source   = "./modules/m2"
  name     = each.key
}

locals {
  je3_keys = { "a10" = "arn:aws:kms:us-east-1:111122223333:key/a10" }
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:GenerateDataKey*", "kms:GenerateDataKey"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

locals {
  m4_keys = ["gamma", "omega", "b_x"]
}

module "m4" {
  for_each = toset(local.m4_keys)
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for k, m in module.m1 : m.json], [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:GenerateDataKey*", "kms:GenerateDataKey", "kms:ReEncrypt*"] })], [local.je3])

  statement {
    sid       = "P4Roles"
    actions   = ["kms:GenerateDataKey*", "kms:ReEncrypt*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m4 : k => m.arn })
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
