locals {
  nfc1 = <<-EOT
    {"Statement": [{"Sid": "P1Nfc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumé"}]}
  EOT
}

module "m2" {
  for_each = toset(["Zeta", "a1", "gamma"])
  source   = "./modules/m2"
  name     = each.key
}

locals {
  t3 = {
    "omega" = { name = "omega", keys = ["b_x", "b_x"] }
    "a1" = { name = "a1", keys = ["a1", "a1"], tags = { "aws:PrincipalTag/team" = "beta", "aws:PrincipalTag/level" = 15 }, weight = 0.25 }
  }
}

module "t3" {
  for_each = local.t3
  source   = "./modules/t3"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[local.nfc1], [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"], last = "gamma" })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t3 : m.statements]) })]])

  statement {
    sid       = "P4F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = tolist(setsubtract(["kms:DescribeKey", "kms:ListAliases", "kms:GenerateDataKey"], ["kms:Decrypt"]))
    resources = values(zipmap(["b", "a", "C"], ["arn:aws:kms:us-east-1:111122223333:key/2", "arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms:us-east-1:111122223333:key/0"]))
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
