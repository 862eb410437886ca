locals {
  big = [for i in range(1000) : "arn:aws:kms:us-east-1:111122223333:alias/x"]
  all = [for i in range(1000) : [for j in range(1000) : local.big]]
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = flatten(local.all)
  }
}
