locals {
  je1_keys = { "gamma" = "arn:aws:kms:us-east-1:111122223333:key/gamma" }
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:ListAliases", Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[local.je1], [templatefile("${path.module}/p2.json.tftpl", { keys = ["delta", "b_x", "alpha", "a1"], actions = ["kms:ListAliases", "kms:DescribeKey"] })]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
