module "m1" {
  count  = 2
  source = "./modules/m1"
  name   = element(["alpha", "b_x"], count.index)
}

locals {
  fe2_base = { for k in ["a2", "b_x"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe2" {
  for_each = { for k, v in local.fe2_base : k => v if k != "b_x" }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:ListAliases", "kms:ReEncrypt*"]
    resources = [each.value]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

module "m3" {
  count  = 2
  source = "./modules/m3"
  name   = element(["c", "b_x"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for k, d in data.aws_iam_policy_document.fe2 : k == "a2" ? d.json : ""], [for m in module.m3 : m.json]])

  statement {
    sid       = "P1Roles"
    actions   = ["kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m1[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
