locals {
  fe1_keys = ["delta", "beta", "Zeta", "omega"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:Encrypt", "kms:ListAliases", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

module "m2" {
  for_each = { for k in ["alpha", "a2", "gamma"] : k => upper(k) }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for k in keys(data.aws_iam_policy_document.fe1) : data.aws_iam_policy_document.fe1[k].json], [module.m2["gamma"].json])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
