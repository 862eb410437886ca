module "m1" {
  count  = 2
  source = "./modules/m1"
  name   = "n${count.index}"
}

locals {
  fe2_keys = ["omega", "delta", "beta", "a10"]
}

data "aws_iam_policy_document" "fe2" {
  for_each = toset(local.fe2_keys)

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:Decrypt", "kms:CreateGrant"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([module.m1[*].json, [for k in keys(data.aws_iam_policy_document.fe2) : data.aws_iam_policy_document.fe2[k].json]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
