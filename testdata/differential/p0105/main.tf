module "m2" {
  count  = 3
  source = "./modules/m2"
  name   = "n${count.index}"
}

module "m3" {
  count  = 3
  source = "./modules/m3"
  name   = "n${count.index}"
}

locals {
  dy4 = {
    "a10" = { effect = "Allow", actions = ["kms:Decrypt", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "c" = { effect = "Deny", actions = ["kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "a1" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = module.m2[*].json

  statement {
    sid       = "P1F${replace(tostring(pow(2, 10)), ".", "d")}"
    actions   = coalescelist([], ["kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:Decrypt", "kms:CreateGrant"])
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
  }

  statement {
    sid       = "P3Roles"
    actions   = ["kms:ListAliases", "kms:CreateGrant", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m3[*].arn
    }
  }

  dynamic "statement" {
    for_each = local.dy4
    content {
      sid       = "P4${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
