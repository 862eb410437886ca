data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:GenerateDataKey", "kms:CreateGrant"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for d in [data.aws_iam_policy_document.sp1] : d.json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
