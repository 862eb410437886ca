data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:ListAliases", "kms:ReEncrypt*", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp1_none = null
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([concat(local.sp1_none[*], [data.aws_iam_policy_document.sp1.json]), [templatefile("${path.module}/p2.json.tftpl", { keys = sort(["gamma"]), actions = ["kms:Decrypt"] })]])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
