module "m1" {
  count  = 2
  source = "./modules/m1"
  name   = element(["omega", "alpha"], count.index)
}

locals {
  dy2 = {
    "b_x" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/b_x"] }
    "alpha" = { effect = "Allow", actions = ["kms:Encrypt", "kms:ListAliases", "kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "a2" = { effect = "Allow", actions = ["kms:GenerateDataKey", "kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "c" = { effect = "Deny", actions = ["kms:Encrypt", "kms:ListAliases", "kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten(module.m1[*].statements) })]

  dynamic "statement" {
    for_each = local.dy2
    content {
      sid       = "P2${statement.key}"
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

  statement {
    sid       = "P3F${replace(tostring(pow(2, 10)), ".", "d")}"
    actions   = distinct(concat(["kms:ListAliases", "kms:Decrypt"], ["kms:ListAliases", "kms:Decrypt"]))
    resources = [join("/", split(":", "arn:aws:kms"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
