locals {
  je2_keys = { "alpha" = "arn:aws:kms:us-east-1:111122223333:key/alpha", "a10" = "arn:aws:kms:us-east-1:111122223333:key/a10" }
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:ListAliases", "kms:ReEncrypt*"], Resource = v }]
  })
}

module "m3" {
  count  = 3
  source = "./modules/m3"
  name   = element(["a1", "omega", "a10"], count.index)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[local.je2], [jsonencode({ Version = "2012-10-17", Statement = flatten(module.m3[*].statements) })]])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(range(5, 0, -2)),
        jsonencode({ for s in ["b", "a"] : s => upper(s) if s != "c" }),
        tostring(-7 % 3),
        jsonencode(matchkeys(["a", "b", "c"], ["1", "2", "3"], ["3", "1"])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
