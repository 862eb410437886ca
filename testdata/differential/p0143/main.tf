module "m1" {
  for_each = { for k in ["beta", "delta"] : k => upper(k) }
  source   = "./modules/m1"
  name     = each.key
}

module "m2" {
  for_each = {
    "a1" = "arn:aws:iam::111122223333:role/a1"
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
    "a2" = "arn:aws:iam::111122223333:role/a2"
  }
  source   = "./modules/m2"
  name     = each.key
}

locals {
  t3 = {
    "omega" = { name = "omega", keys = ["a2", "delta", "c", "a2"], tags = { "aws:PrincipalTag/team" = "beta", "aws:PrincipalTag/level" = 9 } }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

module "m4" {
  for_each = toset(["c", "omega", "Zeta", "alpha"])
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m1)[*].statements) })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })], [templatefile("${path.module}/p4.json.tftpl", { roles = { for k, m in module.m4 : k => m.arn }, actions = ["kms:Decrypt"], last = "omega" })]])

  statement {
    sid       = "P2Roles"
    actions   = ["kms:GenerateDataKey", "kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m2 : k => m.arn })
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
