
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(abs(-4.25)), ".", "d")}"
    actions   = [["kms:DescribeKey", "kms:Decrypt", "kms:ListAliases", "kms:GenerateDataKey"][index(["kms:DescribeKey", "kms:Decrypt", "kms:ListAliases", "kms:GenerateDataKey"], "kms:DescribeKey")]]
    resources = [format("arn:aws:kms:us-east-1:%s:key/%s", "111122223333", upper("k1"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
