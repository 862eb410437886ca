data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:GenerateDataKey*", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  je3_keys = { "b_x" = "arn:aws:kms:us-east-1:111122223333:key/b_x" }
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:GenerateDataKey", "kms:ReEncrypt*", "kms:DescribeKey"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for d in [data.aws_iam_policy_document.sp1] : d.json]
  override_policy_documents = [local.je3]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        cidrsubnet("10.0.0.0/16", 8, 2),
        jsonencode(keys({ "b" = 1, "B" = 2, "a" = 3, "_" = 4, "10" = 5, "9" = 6 })),
        jsonencode(endswith("x.json", ".JSON")),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
