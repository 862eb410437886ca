locals {
  fe2_base = { for k in ["Zeta", "c", "gamma"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe2" {
  for_each = { for k, v in local.fe2_base : k => v if k != "gamma" }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:GenerateDataKey"]
    resources = [each.value]
  }
}

module "m3" {
  for_each = toset(["b_x", "omega", "beta"])
  source   = "./modules/m3"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for d in data.aws_iam_policy_document.fe2 : d.json], [templatefile("${path.module}/p3.json.tftpl", { roles = { for k, m in module.m3 : k => m.arn }, actions = ["kms:GenerateDataKey", "kms:Decrypt"] })])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        base64encode("kms:Décrypt"),
        jsonencode(tolist(["a", 1, true])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
