locals {
  nfc1 = <<-EOT
    {"Statement": [{"Sid": "P1Nfc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumé"}]}
  EOT
}

locals {
  je2_keys = merge({ "omega" = "arn:aws:kms:us-east-1:111122223333:key/a-omega", "delta" = "arn:aws:kms:us-east-1:111122223333:key/a-delta" }, { "delta" = "arn:aws:kms:us-east-1:111122223333:key/b-delta", "gamma" = "arn:aws:kms:us-east-1:111122223333:key/b-gamma" })
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:ListAliases", "kms:CreateGrant"], Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

module "m4" {
  for_each = toset(["Zeta"])
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.nfc1], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.m4 : m.statements]) })])
  override_policy_documents = [local.je2]

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        join("", [for c in regexall(".", "abc") : upper(c)]),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
