locals {
  t1 = {
    "a10" = { name = "a10", keys = ["beta", "b_x", "a10", "beta"], weight = 1.5 }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })]

  statement {
    sid       = "P2F${replace(tostring(1.5 * 2), ".", "d")}"
    actions   = [element(["kms:GenerateDataKey*", "kms:DescribeKey", "kms:GenerateDataKey", "kms:Decrypt"], 7)]
    resources = [replace("arn:aws:kms:us-east-1:111122223333:key/alpha-1", "/-[0-9]+$/", "")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
