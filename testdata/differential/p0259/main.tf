locals {
  je1_keys = zipmap(["a10", "b_x"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["a10", "b_x"]))
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:GenerateDataKey", Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

locals {
  je2_keys = { "c" = "arn:aws:kms:us-east-1:111122223333:key/c", "a1" = "arn:aws:kms:us-east-1:111122223333:key/a1", "beta" = "arn:aws:kms:us-east-1:111122223333:key/beta" }
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = "kms:ReEncrypt*", Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je2]
  override_policy_documents = [local.je1]

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(index(["x", "y", "z"], "z")),
        jsonencode(tolist(toset(["b", "a", "B", "_", "1"]))),
        format("%.3e", 123456.789),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
