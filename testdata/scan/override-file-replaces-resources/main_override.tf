# Terraform merges override files last: this block's statement replaces the
# original's, and the local is replaced too.
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:${local.region}:111122223333:alias/overridden"]
  }
}

locals {
  region = "eu-west-1"
}
