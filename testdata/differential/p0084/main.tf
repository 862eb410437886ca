data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["c", "delta", "a2"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey"]
    resources = [each.value]
  }
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:ReEncrypt*", "kms:CreateGrant", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  je3_keys = { "omega" = "arn:aws:kms:us-east-1:111122223333:key/omega", "beta" = "arn:aws:kms:us-east-1:111122223333:key/beta" }
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"], Resource = v }]
  })
}

locals {
  t4 = {
    "omega" = { name = "omega", actions = ["kms:ListAliases", "kms:DescribeKey"], keys = ["beta", "delta", "a10", "beta"] }
  }
}

module "t4" {
  for_each = local.t4
  source   = "./modules/t4"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for k in keys(data.aws_iam_policy_document.fe1) : data.aws_iam_policy_document.fe1[k].json], [for d in [data.aws_iam_policy_document.sp2] : d.json], [local.je3], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t4 : m.statements]) })])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
