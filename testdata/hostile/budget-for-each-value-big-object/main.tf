locals {
  big = { for i in range(1000) : "k${i}" => [for j in range(1000) : "arn:aws:kms:us-east-1:111122223333:alias/x"] }
}

data "aws_iam_policy_document" "d" {
  for_each = local.big
  statement {
    actions   = ["kms:Decrypt"]
    resources = each.value
  }
}
