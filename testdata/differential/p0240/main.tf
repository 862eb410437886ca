
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(1 / 3), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt" }, "write", "kms:DescribeKey")]
    resources = values(zipmap(["b", "a", "C"], ["arn:aws:kms:us-east-1:111122223333:key/2", "arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms:us-east-1:111122223333:key/0"]))
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
