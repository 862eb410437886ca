locals {
  m2_base = { for k in ["a1", "delta", "b_x"] : k => "arn:aws:iam::111122223333:role/base" }
}

module "m2" {
  for_each = { for k, v in local.m2_base : k => v if k != "b_x" }
  source   = "./modules/m2"
  name     = each.key
}

module "m3" {
  count  = 3
  source = "./modules/m3"
  name   = element(["omega", "gamma", "beta"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for m in values(module.m2) : m.json], module.m3[*].json)

  statement {
    sid       = "P1F${replace(tostring(-0), ".", "d")}"
    actions   = [["kms:CreateGrant", "kms:GenerateDataKey*"][index(["kms:CreateGrant", "kms:GenerateDataKey*"], "kms:CreateGrant")]]
    resources = [replace("arn:aws:kms:us-east-1:111122223333:key/alpha-1", "/-[0-9]+$/", "")]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
