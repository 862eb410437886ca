locals {
  t1 = {
    "c" = { name = "c", keys = ["a2", "gamma", "a2"], tags = { "aws:PrincipalTag/team" = "a1", "aws:PrincipalTag/level" = 15 } }
  }
}

module "t1" {
  for_each = local.t1
  source   = "./modules/t1"
  grant    = each.value
}

locals {
  je3_keys = { "c" = "arn:aws:kms:us-east-1:111122223333:key/c", "a10" = "arn:aws:kms:us-east-1:111122223333:key/a10", "omega" = "arn:aws:kms:us-east-1:111122223333:key/omega" }
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:GenerateDataKey*", "kms:DescribeKey", "kms:ReEncrypt*"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t1 : m.statements]) })]
  override_policy_documents = [local.je3]

  statement {
    sid       = "P2F${replace(tostring(7 % 3), ".", "d")}"
    actions   = distinct(concat(["kms:GenerateDataKey*", "kms:GenerateDataKey", "kms:DescribeKey"], ["kms:GenerateDataKey*", "kms:GenerateDataKey", "kms:DescribeKey"]))
    resources = [for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
