data "aws_iam_policy_document" "fe1" {
  for_each = { for k in ["c", "alpha", "gamma"] : k => upper(k) }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k, d in data.aws_iam_policy_document.fe1 : d.json if k != "c"]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        substr("abc", -2, -1),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
