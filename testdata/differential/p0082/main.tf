locals {
  je1_keys = zipmap(["a2", "alpha", "a1"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["a2", "alpha", "a1"]))
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:Encrypt", "kms:Decrypt"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "d" {
  override_policy_documents = [local.je1]

  statement {
    sid       = "P2F${replace(tostring(1.5 * 2), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt" }, "write", "kms:DescribeKey")]
    resources = [element(formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["omega"]), 5)]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }

  statement {
    sid       = "P3F${replace(tostring(max(3, 7.5)), ".", "d")}"
    actions   = tolist(setsubtract(["kms:DescribeKey", "kms:ReEncrypt*", "kms:CreateGrant", "kms:ListAliases"], ["kms:Decrypt"]))
    resources = values(zipmap(["b", "a", "C"], ["arn:aws:kms:us-east-1:111122223333:key/2", "arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms:us-east-1:111122223333:key/0"]))
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
