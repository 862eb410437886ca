locals {
  je1_keys = { "a1" = "arn:aws:kms:us-east-1:111122223333:key/a1", "c" = "arn:aws:kms:us-east-1:111122223333:key/c", "b_x" = "arn:aws:kms:us-east-1:111122223333:key/b_x" }
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = ["kms:CreateGrant"], Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

locals {
  fe2_keys = ["Zeta", "delta"]
}

data "aws_iam_policy_document" "fe2" {
  for_each = toset(local.fe2_keys)

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[local.je1], [data.aws_iam_policy_document.fe2["Zeta"].json]])

  statement {
    sid       = "P3F${replace(tostring(10 / 4), ".", "d")}"
    actions   = [for k in keys({ "kms:Encrypt" = 1, "kms:Decrypt" = 2 }) : k]
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
  }

  statement {
    sid       = "P4Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(split("/", "/a//b/")),
        replace("aaa", "/a*?/", "-"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
