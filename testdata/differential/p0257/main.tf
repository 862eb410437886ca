data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:Encrypt", "kms:CreateGrant", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:GenerateDataKey*", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  je3_keys = merge({ "a2" = "arn:aws:kms:us-east-1:111122223333:key/a-a2", "c" = "arn:aws:kms:us-east-1:111122223333:key/a-c", "a1" = "arn:aws:kms:us-east-1:111122223333:key/a-a1" }, { "a1" = "arn:aws:kms:us-east-1:111122223333:key/b-a1", "b_x" = "arn:aws:kms:us-east-1:111122223333:key/b-b_x" })
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:DescribeKey", "kms:ListAliases"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([data.aws_iam_policy_document.sp1[*].json, data.aws_iam_policy_document.sp2[*].json, [local.je3]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
