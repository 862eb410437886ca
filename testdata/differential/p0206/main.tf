data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["omega", "a2", "a1"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey"]
    resources = [each.value]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

locals {
  je2_keys = zipmap(["Zeta"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["Zeta"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:GenerateDataKey*"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, d in data.aws_iam_policy_document.fe1 : d.json if k != "omega"]
  override_policy_documents = [local.je2]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
