module "m1" {
  count  = 1
  source = "./modules/m1"
  name   = "n${count.index}"
}

locals {
  je2_keys = zipmap(["beta", "Zeta", "b_x"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["beta", "Zeta", "b_x"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = "kms:Decrypt", Resource = v }]
  })
}

locals {
  t4 = {
    "c" = { name = "c", keys = ["omega", "a10", "omega"], weight = "7" }
    "a2" = { name = "a2", actions = ["kms:DescribeKey", "kms:CreateGrant", "kms:GenerateDataKey"], keys = ["beta", "beta"] }
  }
}

module "t4" {
  for_each = local.t4
  source   = "./modules/t4"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(module.m1[*].json, [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t4 : m.statements]) })])
  override_policy_documents = [local.je2]

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(transpose({ a = ["1", "2"], b = ["2"] })),
        jsonencode(tolist(toset(["b", "a", "B", "_", "1"]))),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
