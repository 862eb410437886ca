locals {
  je1_keys = merge({ "b_x" = "arn:aws:kms:us-east-1:111122223333:key/a-b_x", "a10" = "arn:aws:kms:us-east-1:111122223333:key/a-a10" }, { "a10" = "arn:aws:kms:us-east-1:111122223333:key/b-a10", "a2" = "arn:aws:kms:us-east-1:111122223333:key/b-a2" })
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:GenerateDataKey", "kms:Decrypt", "kms:ReEncrypt*"], Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

locals {
  je3_keys = merge({ "b_x" = "arn:aws:kms:us-east-1:111122223333:key/a-b_x", "a1" = "arn:aws:kms:us-east-1:111122223333:key/a-a1" }, { "a1" = "arn:aws:kms:us-east-1:111122223333:key/b-a1" })
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = "kms:GenerateDataKey", Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je3]
  override_policy_documents = [local.je1]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        formatdate("YYYY-MM-DD hh:mm ZZZ", "2024-03-01T12:34:56Z"),
        tostring(2e-3),
        chomp("line\r\n\n"),
        tostring(tonumber("1.50")),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
