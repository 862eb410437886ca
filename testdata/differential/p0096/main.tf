locals {
  je1_keys = merge({ "a10" = "arn:aws:kms:us-east-1:111122223333:key/a-a10" }, { "a10" = "arn:aws:kms:us-east-1:111122223333:key/b-a10" })
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:ReEncrypt*", Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

locals {
  t2 = {
    "alpha" = { name = "alpha", actions = ["kms:CreateGrant"], keys = ["omega", "omega"], tags = { "aws:PrincipalTag/team" = "a1", "aws:PrincipalTag/level" = 5 }, weight = 0.25 }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

locals {
  m3_keys = ["c", "b_x", "a10"]
}

module "m3" {
  for_each = toset(local.m3_keys)
  source   = "./modules/m3"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], [jsonencode({ Version = "2012-10-17", Statement = flatten(values(module.m3)[*].statements) })]])
  override_policy_documents = [local.je1]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
