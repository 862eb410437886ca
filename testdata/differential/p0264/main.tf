data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:GenerateDataKey", "kms:ReEncrypt*", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p1.json.tftpl", { keys = sort(["alpha", "Zeta"]), actions = ["kms:ReEncrypt*", "kms:Encrypt", "kms:GenerateDataKey"] })], [for d in [data.aws_iam_policy_document.sp2] : d.json]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
