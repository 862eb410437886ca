variable "key_arns" {
  type    = list(string)
  default = ["arn:aws:kms:us-east-1:111122223333:alias/default-key"]
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = var.key_arns
  }
}
