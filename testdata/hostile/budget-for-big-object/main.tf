locals {
  big = { for p in setproduct(range(300), range(300)) : "k${p[0]}-${p[1]}" => "arn:aws:kms:us-east-1:111122223333:alias/x" }
  all = [for i in range(1000) : local.big]
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [for o in local.all : o["k1-1"]]
  }
}
