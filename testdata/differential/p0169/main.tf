locals {
  dy1 = {
    "Zeta" = { effect = "Deny", actions = ["kms:ReEncrypt*", "kms:DescribeKey", "kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
  }
}

module "m2" {
  count  = 2
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [module.m2[1].json]

  dynamic "statement" {
    for_each = local.dy1
    content {
      sid       = "P1${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
