locals {
  t1 = {
    "c" = { name = "c", actions = ["kms:CreateGrant", "kms:Decrypt"], keys = ["beta", "beta"] }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

locals {
  fe2_keys = ["gamma", "beta", "delta"]
}

data "aws_iam_policy_document" "fe2" {
  for_each = toset(local.fe2_keys)

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

locals {
  t3 = {
    "Zeta" = { name = "Zeta", actions = ["kms:GenerateDataKey*"], keys = ["omega", "b_x", "omega"], tags = { "aws:PrincipalTag/team" = "b_x", "aws:PrincipalTag/level" = 8 } }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })], [for k, d in data.aws_iam_policy_document.fe2 : k == "beta" ? d.json : ""], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })])

  statement {
    sid       = "P4F${replace(tostring(parseint("ff", 16)), ".", "d")}"
    actions   = slice(["kms:ListAliases", "kms:GenerateDataKey"], 0, 2)
    resources = [format("arn:aws:kms:us-east-1:%s:key/%s", "111122223333", upper("k1"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
