locals {
  t2 = {
    "delta" = { name = "delta", actions = ["kms:DescribeKey", "kms:CreateGrant"], keys = ["c", "a1", "delta", "c"], tags = { "aws:PrincipalTag/team" = "omega", "aws:PrincipalTag/level" = 12 }, weight = "7" }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

locals {
  je3_keys = merge({ "a10" = "arn:aws:kms:us-east-1:111122223333:key/a-a10" }, { "a10" = "arn:aws:kms:us-east-1:111122223333:key/b-a10" })
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = "kms:CreateGrant", Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], [local.je3]])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(setintersection(["c", "a", "b"], ["b", "c"])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
