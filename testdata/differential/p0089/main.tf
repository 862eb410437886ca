module "m1" {
  count  = 2
  source = "./modules/m1"
  name   = element(["a10", "b_x"], count.index)
}

locals {
  je2_keys = zipmap(["omega", "a1"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["omega", "a1"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:GenerateDataKey*", "kms:Decrypt", "kms:GenerateDataKey"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

locals {
  t3 = {
    "a10" = { name = "a10", actions = ["kms:DescribeKey", "kms:ListAliases", "kms:Encrypt"], keys = ["Zeta", "Zeta"], weight = 0.25 }
    "c" = { name = "c", actions = ["kms:GenerateDataKey", "kms:ListAliases"], keys = ["alpha", "alpha"], tags = { "aws:PrincipalTag/team" = "a2", "aws:PrincipalTag/level" = 3 } }
    "Zeta" = { name = "Zeta", keys = ["beta", "gamma", "a1", "beta"] }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten(module.m1[*].statements) })], [local.je2], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
