data "aws_iam_policy_document" "fe2" {
  for_each = toset(["alpha", "gamma", "Zeta"])

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:DescribeKey", "kms:Encrypt", "kms:CreateGrant"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "fe3" {
  for_each = { for k in ["omega", "a1"] : k => upper(k) }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([data.aws_iam_policy_document.fe2["Zeta"].json], [for d in data.aws_iam_policy_document.fe3 : d.json])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(tolist(toset(["b", "a", "B", "_", "1"]))),
        jsonencode(tomap({ a = 1, b = "2" })),
        tostring(log(8, 2)),
        jsonencode(can(tonumber("0x10"))),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
