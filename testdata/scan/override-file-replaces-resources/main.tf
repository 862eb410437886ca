data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000001"]
  }
}

locals {
  region = "us-east-1"
}
