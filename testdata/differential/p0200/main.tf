locals {
  je1_keys = { "c" = "arn:aws:kms:us-east-1:111122223333:key/c" }
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:DescribeKey", Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je1]

  statement {
    sid       = "P2F${replace(tostring(pow(2, 10)), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${title(substr("hello world", 0, 7))}"]
  }

  statement {
    sid       = "P3F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = [element(["kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt", "kms:ListAliases"], 7)]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["a1"])
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
