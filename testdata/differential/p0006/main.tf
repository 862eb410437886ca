module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = "n${count.index}"
}

locals {
  t3 = {
    "Zeta" = { name = "Zeta", keys = ["b_x", "a2", "a1", "b_x"], weight = "7" }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })]

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(setunion(["c", "a"], ["b", "a"])),
        jsonencode(startswith("kms:Decrypt", "kms:")),
        jsonencode(strcontains("alias/app", "/")),
      ]
    }
  }

  statement {
    sid       = "P2Roles"
    actions   = ["kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m2[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
