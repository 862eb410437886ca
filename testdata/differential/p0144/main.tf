data "aws_iam_policy_document" "fe1" {
  for_each = {
    "beta" = "arn:aws:iam::111122223333:role/beta"
    "omega" = "arn:aws:iam::111122223333:role/omega"
    "c" = "arn:aws:iam::111122223333:role/c"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
  }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:ListAliases", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

locals {
  je2_keys = { "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/Zeta" }
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:ListAliases"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "fe3" {
  for_each = { for k in ["beta"] : k => upper(k) }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey*", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([values(data.aws_iam_policy_document.fe1)[*].json, [local.je2], [for k, d in data.aws_iam_policy_document.fe3 : k == "beta" ? d.json : ""]])

  statement {
    sid       = "P4Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        strrev("abc déf"),
        cidrnetmask("10.0.0.0/12"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
