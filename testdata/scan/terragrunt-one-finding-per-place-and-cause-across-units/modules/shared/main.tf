variable "extra_policy" {
  type = string
}

data "aws_iam_policy_document" "use" {
  source_policy_documents = [var.extra_policy]

  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:alias/shared"]
  }
}
