module "m1" {
  for_each = { for k in ["c"] : k => upper(k) }
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "fe2" {
  for_each = toset(["gamma"])

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:DescribeKey", "kms:GenerateDataKey*", "kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

module "m3" {
  count  = 2
  source = "./modules/m3"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for m in values(module.m1) : m.json], [for k, d in data.aws_iam_policy_document.fe2 : k == "gamma" ? d.json : ""], [templatefile("${path.module}/p4.json.tftpl", { keys = sort(["delta", "alpha", "a1"]), actions = ["kms:Decrypt", "kms:GenerateDataKey*"] })])

  statement {
    sid       = "P3Roles"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m3[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
