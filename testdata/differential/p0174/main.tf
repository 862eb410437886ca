locals {
  cn1_names = ["Zeta"]
}

data "aws_iam_policy_document" "cn1" {
  count = length(local.cn1_names)

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey", "kms:ReEncrypt*", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn1_names[count.index]}"]
  }
}

locals {
  m3_keys = ["a2"]
}

module "m3" {
  for_each = toset(local.m3_keys)
  source   = "./modules/m3"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([data.aws_iam_policy_document.cn1[0].json], values(module.m3)[*].json)

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(pow(2, 0.5)),
        jsonencode(can(tonumber("0x10"))),
        strrev("abc déf"),
      ]
    }
  }

  statement {
    sid       = "P4F${replace(tostring(7 % 3), ".", "d")}"
    actions   = flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
