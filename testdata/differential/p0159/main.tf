data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["gamma", "delta"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

module "m2" {
  count  = 3
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for k, d in data.aws_iam_policy_document.fe1 : d.json if k != "gamma"], [for m in module.m2 : m.json], [templatefile("${path.module}/p4.json.tftpl", { keys = sort(["gamma"]), actions = ["kms:GenerateDataKey*"] })])

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(0.1 + 0.2),
        jsonencode(keys({ "b" = 1, "B" = 2, "a" = 3, "_" = 4, "10" = 5, "9" = 6 })),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
