locals {
  je1_keys = { "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/Zeta", "alpha" = "arn:aws:kms:us-east-1:111122223333:key/alpha" }
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:CreateGrant", "kms:DescribeKey", "kms:Decrypt"], Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je1]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(tonumber("1.50")),
        jsonencode(split("/", "/a//b/")),
        format("%t-%v-%v", false, 12, "x"),
        timeadd("2024-01-31T00:00:00Z", "25h"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
