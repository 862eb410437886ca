data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:ListAliases", "kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = data.aws_iam_policy_document.sp1[*].json
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
