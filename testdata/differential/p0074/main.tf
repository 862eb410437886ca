locals {
  je1_keys = zipmap(["omega"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["omega"]))
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:ReEncrypt*", "kms:CreateGrant"], Resource = v }]
  })
}

locals {
  t2 = {
    "gamma" = { name = "gamma", actions = ["kms:GenerateDataKey*", "kms:GenerateDataKey", "kms:Decrypt"], keys = ["c", "c"], weight = "7" }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

locals {
  fe3_base = { for k in ["omega", "a1"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe3" {
  for_each = { for k, v in local.fe3_base : k => v if k != "a1" }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:GenerateDataKey*", "kms:DescribeKey", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[local.je1], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], [for d in data.aws_iam_policy_document.fe3 : d.minified_json]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
