data "aws_iam_policy_document" "fe2" {
  for_each = { for k in ["a10", "a2", "Zeta"] : k => upper(k) }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for d in data.aws_iam_policy_document.fe2 : d.json]

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(abs(-0.0)),
        strrev("abc déf"),
        jsonencode(-1.0),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
