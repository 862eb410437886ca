module "m1" {
  count  = 1
  source = "./modules/m1"
  name   = element(["beta"], count.index)
}

locals {
  je2_keys = merge({ "a10" = "arn:aws:kms:us-east-1:111122223333:key/a-a10" }, { "a10" = "arn:aws:kms:us-east-1:111122223333:key/b-a10" })
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:GenerateDataKey*", "kms:CreateGrant"], Resource = v }]
  })
}

locals {
  dy3 = {
    "a2" = { effect = "Allow", actions = ["kms:GenerateDataKey*", "kms:Encrypt", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "gamma" = { effect = "Deny", actions = ["kms:CreateGrant", "kms:Encrypt", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je2]

  statement {
    sid       = "P1Roles"
    actions   = ["kms:ListAliases", "kms:ReEncrypt*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m1[*].arn
    }
  }

  dynamic "statement" {
    for_each = { for k, v in local.dy3 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P3${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
    }
  }

  statement {
    sid       = "P4F${replace(tostring(max(3, 7.5)), ".", "d")}"
    actions   = coalescelist([], ["kms:DescribeKey", "kms:GenerateDataKey", "kms:GenerateDataKey*"])
    resources = [element(formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["Zeta"]), 5)]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
