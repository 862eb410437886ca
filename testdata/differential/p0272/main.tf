module "m3" {
  for_each = toset(["gamma", "beta", "delta"])
  source   = "./modules/m3"
  name     = lower(each.key)
}

module "m4" {
  count  = 2
  source = "./modules/m4"
  name   = element(["omega", "alpha"], count.index)
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(pow(2, 10)), ".", "d")}"
    actions   = tolist(setsubtract(["kms:DescribeKey", "kms:Decrypt", "kms:ListAliases", "kms:Encrypt"], ["kms:Decrypt"]))
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
    }
  }

  statement {
    sid       = "P2F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = [for a in ["kms:CreateGrant", "kms:Encrypt", "kms:ListAliases", "kms:GenerateDataKey"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = values(zipmap(["b", "a", "C"], ["arn:aws:kms:us-east-1:111122223333:key/2", "arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms:us-east-1:111122223333:key/0"]))
  }

  statement {
    sid       = "P3Roles"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m3 : k => m.arn })
    }
  }

  statement {
    sid       = "P4Roles"
    actions   = ["kms:Decrypt", "kms:ListAliases", "kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m4[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
