locals {
  dy2 = {
    "alpha" = { effect = "Deny", actions = ["kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "delta" = { effect = "Deny", actions = ["kms:ReEncrypt*", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "gamma" = { effect = "Deny", actions = ["kms:GenerateDataKey", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "Zeta" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:ListAliases", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
  }
}

module "m4" {
  count  = 2
  source = "./modules/m4"
  name   = element(["Zeta", "b_x"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = module.m4[*].json

  statement {
    sid       = "P1F${replace(tostring(1e3), ".", "d")}"
    actions   = [for k in keys({ "kms:Encrypt" = 1, "kms:Decrypt" = 2 }) : k]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
  }

  dynamic "statement" {
    for_each = values(local.dy2)
    content {
      sid       = "P2I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }

  statement {
    sid       = "P3F${replace(tostring(1e3), ".", "d")}"
    actions   = [["kms:DescribeKey", "kms:Decrypt"][index(["kms:DescribeKey", "kms:Decrypt"], "kms:DescribeKey")]]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["gamma"])
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
