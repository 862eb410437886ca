locals {
  m1_keys = ["b_x"]
}

module "m1" {
  for_each = toset(local.m1_keys)
  source   = "./modules/m1"
  name     = lower(each.key)
}

locals {
  je2_keys = merge({ "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/a-Zeta", "b_x" = "arn:aws:kms:us-east-1:111122223333:key/a-b_x" }, { "b_x" = "arn:aws:kms:us-east-1:111122223333:key/b-b_x" })
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:GenerateDataKey*", "kms:GenerateDataKey", "kms:ListAliases"], Resource = v }]
  })
}

locals {
  t3 = {
    "a10" = { name = "a10", actions = ["kms:GenerateDataKey"], keys = ["alpha", "beta", "alpha"], tags = { "aws:PrincipalTag/team" = "delta", "aws:PrincipalTag/level" = 4 }, weight = "7" }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

locals {
  fe4_keys = ["a10", "c", "alpha", "omega"]
}

data "aws_iam_policy_document" "fe4" {
  for_each = toset(local.fe4_keys)

  statement {
    sid       = "P4U${each.key}"
    actions   = ["kms:ReEncrypt*", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for k, m in module.m1 : m.json], [local.je2], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })], [for k, d in data.aws_iam_policy_document.fe4 : d.json if k != "alpha"])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
