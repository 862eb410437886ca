locals {
  t1 = {
    "a10" = { name = "a10", keys = ["omega", "Zeta", "omega"], tags = { "aws:PrincipalTag/team" = "omega", "aws:PrincipalTag/level" = 14 }, weight = 10 }
    "gamma" = { name = "gamma", actions = ["kms:GenerateDataKey", "kms:CreateGrant", "kms:Encrypt"], keys = ["gamma", "gamma"], weight = 10 }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  cn3_names = ["b_x"]
}

data "aws_iam_policy_document" "cn3" {
  count = length(local.cn3_names)

  statement {
    sid       = "P3N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey", "kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn3_names[count.index]}"]
  }
}

locals {
  je4_keys = zipmap(["c", "b_x"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["c", "b_x"]))
  je4 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je4_keys : { Sid = "P4${k}", Effect = "Allow", Action = "kms:Decrypt", Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], [for d in [data.aws_iam_policy_document.sp2] : d.json], data.aws_iam_policy_document.cn3[*].minified_json, [local.je4])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
