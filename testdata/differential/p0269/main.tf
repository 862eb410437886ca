locals {
  je2_keys = merge({ "a2" = "arn:aws:kms:us-east-1:111122223333:key/a-a2" }, { "a2" = "arn:aws:kms:us-east-1:111122223333:key/b-a2" })
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = "kms:DescribeKey", Resource = v }]
  })
}

locals {
  fe3_keys = ["a1", "a10", "Zeta", "gamma"]
}

data "aws_iam_policy_document" "fe3" {
  for_each = toset(local.fe3_keys)

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "sp4" {
  statement {
    sid       = "P4Splat"
    actions   = ["kms:ListAliases", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p1.json.tftpl", { keys = ["a10", "a2", "gamma"], actions = ["kms:CreateGrant", "kms:GenerateDataKey*", "kms:Encrypt"] })], [for k in keys(data.aws_iam_policy_document.fe3) : data.aws_iam_policy_document.fe3[k].json], [for d in [data.aws_iam_policy_document.sp4] : d.json]])
  override_policy_documents = [local.je2]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
