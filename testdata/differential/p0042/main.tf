locals {
  cn3_names = ["omega", "c", "alpha"]
}

data "aws_iam_policy_document" "cn3" {
  count = length(local.cn3_names)

  statement {
    sid       = "P3N${count.index}"
    effect    = "Deny"
    actions   = ["kms:ListAliases", "kms:CreateGrant", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn3_names[count.index]}"]
  }
}

module "m4" {
  for_each = toset(["Zeta", "gamma", "beta"])
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[element(data.aws_iam_policy_document.cn3[*].json, 10)], [templatefile("${path.module}/p4.json.tftpl", { roles = { for k, m in module.m4 : k => m.arn }, actions = ["kms:ListAliases", "kms:GenerateDataKey*", "kms:GenerateDataKey"], last = "gamma" })]])

  statement {
    sid       = "P1F${replace(tostring(10 / 4), ".", "d")}"
    actions   = tolist(setsubtract(["kms:GenerateDataKey*", "kms:Encrypt"], ["kms:Decrypt"]))
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["a10", "a2"])
  }

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        trimsuffix("file.json", ".json"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
