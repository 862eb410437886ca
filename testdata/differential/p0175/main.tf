module "m1" {
  for_each = toset(["delta"])
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Roles"
    actions   = ["kms:DescribeKey", "kms:CreateGrant", "kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m1 : k => m.arn })
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
