# OpenTofu loads main.tofu instead of this file, so the alias ARN below is
# never deployed and is not reported.
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/only-in-tf"]
  }
}
