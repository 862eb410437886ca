locals {
  cn2_on = true
}

data "aws_iam_policy_document" "cn2" {
  count = local.cn2_on ? 2 : 0

  statement {
    sid       = "P2N${count.index}"
    effect    = "Deny"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

locals {
  t3 = {
    "omega" = { name = "omega", keys = ["omega", "a1", "a2", "omega"], weight = 10 }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(data.aws_iam_policy_document.cn2[*].json, [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })])

  statement {
    sid       = "P1F${replace(tostring(-0), ".", "d")}"
    actions   = coalescelist([], ["kms:Decrypt", "kms:GenerateDataKey*"])
    resources = [replace("arn:aws:kms:us-east-1:111122223333:key/alpha-1", "/-[0-9]+$/", "")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
