
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(-0), ".", "d")}"
    actions   = slice(["kms:DescribeKey", "kms:GenerateDataKey", "kms:ReEncrypt*"], 0, 2)
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
