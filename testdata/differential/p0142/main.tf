module "m1" {
  for_each = { for k in ["a10", "a1"] : k => upper(k) }
  source   = "./modules/m1"
  name     = each.key
}

locals {
  missing_obj = { present = true }
}

locals {
  cn3_names = ["beta"]
}

data "aws_iam_policy_document" "cn3" {
  count = length(local.cn3_names)

  statement {
    sid       = "P3N${count.index}"
    effect    = "Allow"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn3_names[count.index]}"]
  }
}

locals {
  fe4_keys = ["gamma"]
}

data "aws_iam_policy_document" "fe4" {
  for_each = toset(local.fe4_keys)

  statement {
    sid       = "P4U${each.key}"
    actions   = ["kms:GenerateDataKey", "kms:GenerateDataKey*", "kms:CreateGrant"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for i, d in data.aws_iam_policy_document.cn3 : d.json if i % 2 == 0], [for d in data.aws_iam_policy_document.fe4 : d.minified_json]])

  statement {
    sid       = "P1Roles"
    actions   = ["kms:DescribeKey", "kms:ReEncrypt*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m1 : k => m.arn })
    }
  }

  statement {
    sid       = "P2F${replace(tostring(parseint("ff", 16)), ".", "d")}"
    actions   = [for a in ["kms:Decrypt", "kms:GenerateDataKey"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = [try(local.missing_obj.nope, "arn:aws:kms:us-east-1:111122223333:key/fallback")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
