locals {
  cn1_on = true
}

data "aws_iam_policy_document" "cn1" {
  count = local.cn1_on ? 3 : 0

  statement {
    sid       = "P1N${count.index}"
    effect    = "Deny"
    actions   = ["kms:CreateGrant"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = data.aws_iam_policy_document.cn1[*].json

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        <<-EOT
      heredoc ${upper("x")}
        kept indent
      EOT
,
        tostring(0.1 + 0.2),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
