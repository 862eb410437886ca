data "aws_iam_policy_document" "fe1" {
  for_each = toset(["omega", "alpha"])

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k in keys(data.aws_iam_policy_document.fe1) : data.aws_iam_policy_document.fe1[k].json]

  statement {
    sid       = "P2F${replace(tostring(parseint("ff", 16)), ".", "d")}"
    actions   = slice(["kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:Encrypt"], 0, 2)
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
