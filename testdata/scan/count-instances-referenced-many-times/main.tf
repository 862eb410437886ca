# Each of the 1000 references expands the same `count`: expanding it once
# keeps the value budget for values that are really built.
resource "aws_kms_key" "k" {
  count = 1000
}

data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [for i in range(1000) : aws_kms_key.k[i].arn]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}
