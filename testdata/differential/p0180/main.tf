
data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p1.json.tftpl", { keys = ["a2", "delta"], actions = ["kms:ListAliases", "kms:GenerateDataKey*", "kms:Encrypt"] })]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        replace("kms:Decrypt", "/^(\\w+):(\\w+)$/", "$2@$1"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
