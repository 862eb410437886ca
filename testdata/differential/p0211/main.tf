locals {
  fe2_base = { for k in ["a10", "delta", "omega"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe2" {
  for_each = { for k, v in local.fe2_base : k => v if k != "omega" }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:GenerateDataKey*", "kms:ListAliases", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

module "m4" {
  count  = 2
  source = "./modules/m4"
  name   = element(["a10", "b_x"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p1.json.tftpl", { keys = ["Zeta"], actions = ["kms:GenerateDataKey", "kms:Decrypt", "kms:CreateGrant"] })], [try(data.aws_iam_policy_document.fe2["missing"].json, data.aws_iam_policy_document.fe2["delta"].json)], [jsonencode({ Version = "2012-10-17", Statement = flatten(module.m4[*].statements) })]])

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(ceil(-1.5)),
        format("%05.1f|%-6s|%x|%q", 3.14159, "ab", 255, "q\"t"),
        jsonencode(startswith("kms:Decrypt", "kms:")),
        "${1 + 2}-${5 / 2}-${true}-${"x"}",
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
