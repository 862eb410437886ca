module "m1" {
  for_each = toset(["beta", "b_x", "a1", "a2"])
  source   = "./modules/m1"
  name     = lower(each.key)
}

module "m2" {
  count  = 3
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, m in module.m1 : m.json]

  statement {
    sid       = "P2Roles"
    actions   = ["kms:CreateGrant", "kms:ReEncrypt*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m2[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
