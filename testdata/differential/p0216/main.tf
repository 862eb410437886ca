locals {
  je1_keys = merge({ "omega" = "arn:aws:kms:us-east-1:111122223333:key/a-omega", "delta" = "arn:aws:kms:us-east-1:111122223333:key/a-delta" }, { "delta" = "arn:aws:kms:us-east-1:111122223333:key/b-delta", "a1" = "arn:aws:kms:us-east-1:111122223333:key/b-a1" })
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:ListAliases", Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je1]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
