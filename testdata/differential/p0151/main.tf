
data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p1.json.tftpl", { keys = sort(["a10", "a1", "c"]), actions = ["kms:GenerateDataKey"] })]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
