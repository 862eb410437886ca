locals {
  pairs = setproduct(range(1000), range(1000))
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = formatlist("arn:aws:kms:us-east-1:111122223333:alias/%s-%s", [for p in local.pairs : p[0]], [for p in local.pairs : p[1]])
  }
}
