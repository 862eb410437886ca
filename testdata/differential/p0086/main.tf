module "m1" {
  count  = 3
  source = "./modules/m1"
  name   = "n${count.index}"
}

module "m2" {
  for_each = { for k in ["c"] : k => upper(k) }
  source   = "./modules/m2"
  name     = each.key
}

locals {
  dy4 = {
    "gamma" = { effect = "Deny", actions = ["kms:GenerateDataKey", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "a2" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:ReEncrypt*", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "Zeta" = { effect = "Deny", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for m in module.m1 : m.json]

  statement {
    sid       = "P2Roles"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [for m in module.m2 : m.arn]
    }
  }

  statement {
    sid       = "P3F${replace(tostring(7 % 3), ".", "d")}"
    actions   = tolist(setsubtract(["kms:DescribeKey", "kms:Decrypt", "kms:GenerateDataKey*"], ["kms:Decrypt"]))
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["Zeta"])
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }

  dynamic "statement" {
    for_each = local.dy4
    content {
      sid       = "P4${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
      dynamic "condition" {
        for_each = statement.value.effect == "Deny" ? [1] : []
        content {
          test     = "Bool"
          variable = "aws:SecureTransport"
          values   = ["false"]
        }
      }
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
