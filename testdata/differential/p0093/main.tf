locals {
  cn1_on = true
}

data "aws_iam_policy_document" "cn1" {
  count = local.cn1_on ? 3 : 0

  statement {
    sid       = "P1N${count.index}"
    effect    = "Allow"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

module "m2" {
  for_each = toset(["omega"])
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(slice(data.aws_iam_policy_document.cn1[*].json, 0, 3), [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:GenerateDataKey*"] })])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
