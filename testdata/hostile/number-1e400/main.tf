# Terraform keeps the literal exactly (terraform 1.11: 1 and 400 zeros).
locals {
  big   = 1e400
  small = -1.5e-400
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}
