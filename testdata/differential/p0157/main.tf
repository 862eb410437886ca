locals {
  fe1_keys = ["omega", "b_x"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

module "m3" {
  for_each = toset(["a1", "gamma"])
  source   = "./modules/m3"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k in reverse(sort(keys(data.aws_iam_policy_document.fe1))) : data.aws_iam_policy_document.fe1[k].json]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(setproduct(["x", "y"], ["1", "2"])),
        jsonencode(1000000 * 1000000),
        tostring(tobool("true")),
        jsonencode(endswith("x.json", ".JSON")),
      ]
    }
  }

  statement {
    sid       = "P3Roles"
    actions   = ["kms:ReEncrypt*", "kms:ListAliases", "kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = sort(values(module.m3)[*].arn)
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
