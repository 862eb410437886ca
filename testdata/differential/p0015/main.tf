locals {
  t2 = {
    "omega" = { name = "omega", actions = ["kms:GenerateDataKey", "kms:ReEncrypt*"], keys = ["delta", "a10", "delta"], tags = { "aws:PrincipalTag/team" = "a10", "aws:PrincipalTag/level" = 5 } }
    "gamma" = { name = "gamma", actions = ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], keys = ["gamma", "alpha", "omega", "gamma"], weight = 0.25 }
    "alpha" = { name = "alpha", actions = ["kms:DescribeKey", "kms:GenerateDataKey"], keys = ["b_x", "b_x"], tags = { "aws:PrincipalTag/team" = "Zeta", "aws:PrincipalTag/level" = 6 } }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], [templatefile("${path.module}/p3.json.tftpl", { keys = ["delta", "c"], actions = ["kms:CreateGrant"] })]])

  statement {
    sid       = "P1F${replace(tostring(-0), ".", "d")}"
    actions   = tolist(setsubtract(["kms:Decrypt", "kms:GenerateDataKey"], ["kms:Decrypt"]))
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["a10", "b_x", "a2"])
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
