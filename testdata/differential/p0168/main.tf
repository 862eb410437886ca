module "m1" {
  count  = 2
  source = "./modules/m1"
  name   = element(["beta", "a10"], count.index)
}

module "m2" {
  for_each = {
    "delta" = "arn:aws:iam::111122223333:role/delta"
  }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p3.json.tftpl", { keys = ["omega"], actions = ["kms:Encrypt", "kms:ReEncrypt*"] })]

  statement {
    sid       = "P1Roles"
    actions   = ["kms:Encrypt", "kms:CreateGrant", "kms:ReEncrypt*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m1[*].arn
    }
  }

  statement {
    sid       = "P2Roles"
    actions   = ["kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [for m in module.m2 : m.arn]
    }
  }

  statement {
    sid       = "P4F${replace(tostring(10 / 4), ".", "d")}"
    actions   = [element(["kms:DescribeKey", "kms:CreateGrant"], 7)]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["b_x", "a1"])
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
