locals {
  je1_keys = zipmap(["delta", "a10"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["delta", "a10"]))
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:ListAliases", Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je1]

  statement {
    sid       = "P2F${replace(tostring(1 / 3), ".", "d")}"
    actions   = compact(["", "kms:Decrypt", ""])
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${tostring(1 / 3)}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
