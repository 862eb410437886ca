module "m1" {
  count  = 1
  source = "./modules/m1"
  name   = element(["omega"], count.index)
}

locals {
  t2 = {
    "gamma" = { name = "gamma", keys = ["Zeta", "Zeta"], weight = "7" }
    "a2" = { name = "a2", keys = ["Zeta", "Zeta"] }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

data "aws_iam_policy_document" "fe3" {
  for_each = {
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
    "gamma" = "arn:aws:iam::111122223333:role/gamma"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
    "omega" = "arn:aws:iam::111122223333:role/omega"
  }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:GenerateDataKey*"]
    resources = [each.value]
  }
}

module "m4" {
  count  = 2
  source = "./modules/m4"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[module.m1[0].json], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], [try(data.aws_iam_policy_document.fe3["missing"].json, data.aws_iam_policy_document.fe3["b_x"].json)]])

  statement {
    sid       = "P4Roles"
    actions   = ["kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m4[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
