locals {
  m1_base = { for k in ["beta", "a1", "Zeta"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m1" {
  for_each = { for k, v in local.m1_base : k => v if k != "Zeta" }
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Roles"
    actions   = ["kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = sort(values(module.m1)[*].arn)
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
