locals {
  t1 = {
    "gamma" = { name = "gamma", actions = ["kms:GenerateDataKey*"], keys = ["a10", "a1", "beta", "a10"] }
    "omega" = { name = "omega", actions = ["kms:DescribeKey", "kms:ListAliases"], keys = ["a2", "gamma", "a2"] }
    "alpha" = { name = "alpha", actions = ["kms:ListAliases", "kms:GenerateDataKey", "kms:Decrypt"], keys = ["beta", "Zeta", "a2", "beta"] }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })]

  statement {
    sid       = "P2F${replace(tostring(-0), ".", "d")}"
    actions   = distinct(concat(["kms:DescribeKey", "kms:Encrypt", "kms:CreateGrant"], ["kms:DescribeKey", "kms:Encrypt", "kms:CreateGrant"]))
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
