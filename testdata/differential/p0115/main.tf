locals {
  je1_keys = { "gamma" = "arn:aws:kms:us-east-1:111122223333:key/gamma" }
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:Encrypt", Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

locals {
  je2_keys = zipmap(["beta"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["beta"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:DescribeKey", "kms:ReEncrypt*", "kms:GenerateDataKey"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.je1], [local.je2])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
