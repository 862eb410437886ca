module "m2" {
  count  = 2
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "fe3" {
  for_each = toset(["delta", "c", "alpha", "b_x"])

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:DescribeKey", "kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten(module.m2[*].statements) })], [for k, d in data.aws_iam_policy_document.fe3 : d.json if k != "delta"])

  statement {
    sid       = "P1F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = [["kms:Decrypt", "kms:Encrypt", "kms:ListAliases", "kms:GenerateDataKey*"][index(["kms:Decrypt", "kms:Encrypt", "kms:ListAliases", "kms:GenerateDataKey*"], "kms:Decrypt")]]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["a10", "Zeta", "a1"])
  }

  statement {
    sid       = "P4Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode({ b = [1, "2", true], a = null, "<&>" = "x<y" }),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
