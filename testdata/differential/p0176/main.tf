data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:CreateGrant", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  je2_keys = zipmap(["c", "b_x", "a10"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["c", "b_x", "a10"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey*"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

locals {
  je3_keys = zipmap(["a10", "delta", "a1", "beta"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["a10", "delta", "a1", "beta"]))
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:CreateGrant"], Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for d in [data.aws_iam_policy_document.sp1] : d.json], [local.je2], [local.je3])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
