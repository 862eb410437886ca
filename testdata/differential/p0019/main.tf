locals {
  je1_keys = { "a2" = "arn:aws:kms:us-east-1:111122223333:key/a2", "a10" = "arn:aws:kms:us-east-1:111122223333:key/a10" }
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:ListAliases", "kms:Encrypt", "kms:CreateGrant"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je1]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
