module "m1" {
  count  = 2
  source = "./modules/m1"
  name   = "n${count.index}"
}

locals {
  fe2_base = { for k in ["c", "alpha", "a10"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe2" {
  for_each = { for k, v in local.fe2_base : k => v if k != "a10" }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:GenerateDataKey*", "kms:CreateGrant", "kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

locals {
  fe3_keys = ["alpha", "omega", "c", "a2"]
}

data "aws_iam_policy_document" "fe3" {
  for_each = toset(local.fe3_keys)

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:DescribeKey", "kms:CreateGrant"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten(module.m1[*].statements) })], [for d in data.aws_iam_policy_document.fe2 : d.minified_json], [try(data.aws_iam_policy_document.fe3["missing"].json, data.aws_iam_policy_document.fe3["alpha"].json)]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
