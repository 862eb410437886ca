locals {
  fe1_keys = ["omega", "alpha", "a10", "delta"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

module "m3" {
  count  = 3
  source = "./modules/m3"
  name   = "n${count.index}"
}

locals {
  je4_keys = { "alpha" = "arn:aws:kms:us-east-1:111122223333:key/alpha", "a10" = "arn:aws:kms:us-east-1:111122223333:key/a10", "beta" = "arn:aws:kms:us-east-1:111122223333:key/beta" }
  je4 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je4_keys : { Sid = "P4${k}", Effect = "Allow", Action = ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[lookup(data.aws_iam_policy_document.fe1, "alpha").json], [jsonencode({ Version = "2012-10-17", Statement = flatten(module.m3[*].statements) })], [local.je4]])

  statement {
    sid       = "P2F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = [["kms:GenerateDataKey*", "kms:ListAliases", "kms:Decrypt"][index(["kms:GenerateDataKey*", "kms:ListAliases", "kms:Decrypt"], "kms:GenerateDataKey*")]]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
