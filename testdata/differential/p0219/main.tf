locals {
  je1_keys = zipmap(["b_x", "delta"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["b_x", "delta"]))
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:DescribeKey", "kms:GenerateDataKey"], Resource = v }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je1]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
