locals {
  t1 = {
    "a10" = { name = "a10", keys = ["a1", "beta", "a1"] }
    "gamma" = { name = "gamma", actions = ["kms:DescribeKey"], keys = ["a1", "b_x", "a1"], tags = { "aws:PrincipalTag/team" = "gamma", "aws:PrincipalTag/level" = 12 }, weight = 10 }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

module "m3" {
  for_each = {
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
  }
  source   = "./modules/m3"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })]

  statement {
    sid       = "P2F${replace(tostring(abs(-4.25)), ".", "d")}"
    actions   = [for k in keys({ "kms:Encrypt" = 1, "kms:Decrypt" = 2 }) : k]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
  }

  statement {
    sid       = "P3Roles"
    actions   = ["kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = sort(values(module.m3)[*].arn)
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
