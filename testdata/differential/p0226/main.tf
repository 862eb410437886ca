locals {
  je2_keys = zipmap(["b_x", "a10", "c"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["b_x", "a10", "c"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:Decrypt", "kms:CreateGrant", "kms:ReEncrypt*"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

locals {
  cn3_on = true
}

data "aws_iam_policy_document" "cn3" {
  count = local.cn3_on ? 1 : 0

  statement {
    sid       = "P3N${count.index}"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

locals {
  t4 = {
    "delta" = { name = "delta", actions = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:GenerateDataKey"], keys = ["Zeta", "a2", "gamma", "Zeta"], weight = 10 }
    "omega" = { name = "omega", actions = ["kms:DescribeKey", "kms:CreateGrant"], keys = ["omega", "b_x", "a1", "omega"], tags = { "aws:PrincipalTag/team" = "a1", "aws:PrincipalTag/level" = 13 } }
    "a1" = { name = "a1", keys = ["omega", "a2", "beta", "omega"], weight = 1.5 }
  }
}

module "t4" {
  for_each = local.t4
  source   = "./modules/t4"
  grant    = each.value
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p1.json.tftpl", { keys = ["c"], actions = ["kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:GenerateDataKey"] })], [local.je2], [one(data.aws_iam_policy_document.cn3[*].json)], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t4 : m.statements]) })]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
