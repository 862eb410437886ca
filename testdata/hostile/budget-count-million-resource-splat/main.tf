resource "aws_kms_alias" "a" {
  count = 1000000
  name  = "alias/x${count.index}"
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = aws_kms_alias.a[*].arn
  }
}
