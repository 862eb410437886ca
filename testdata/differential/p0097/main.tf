
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(7 % 3), ".", "d")}"
    actions   = distinct(concat(["kms:DescribeKey", "kms:ListAliases", "kms:Encrypt", "kms:ReEncrypt*"], ["kms:DescribeKey", "kms:ListAliases", "kms:Encrypt", "kms:ReEncrypt*"]))
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
