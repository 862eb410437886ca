locals {
  je1_keys = merge({ "c" = "arn:aws:kms:us-east-1:111122223333:key/a-c", "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/a-Zeta" }, { "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/b-Zeta", "a2" = "arn:aws:kms:us-east-1:111122223333:key/b-a2" })
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:ListAliases"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

locals {
  je2_keys = zipmap(["omega", "c", "a10"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["omega", "c", "a10"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:DescribeKey", "kms:ReEncrypt*"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "sp3" {
  statement {
    sid       = "P3Splat"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.je1], [local.je2], data.aws_iam_policy_document.sp3[*].json)
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
