
data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p1.json.tftpl", { keys = ["delta", "alpha", "b_x"], actions = ["kms:GenerateDataKey", "kms:CreateGrant"] })]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
