
data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p2.json.tftpl", { keys = sort(["Zeta", "omega", "delta"]), actions = ["kms:Decrypt"] })]

  statement {
    sid       = "P1F${replace(tostring(parseint("ff", 16)), ".", "d")}"
    actions   = tolist(setsubtract(["kms:CreateGrant", "kms:Encrypt", "kms:DescribeKey", "kms:GenerateDataKey"], ["kms:Decrypt"]))
    resources = [format("arn:aws:kms:us-east-1:%s:key/%s", "111122223333", upper("k1"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
