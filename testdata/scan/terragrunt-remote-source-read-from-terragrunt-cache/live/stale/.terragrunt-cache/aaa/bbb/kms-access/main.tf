variable "key_arns" {
  type = list(string)
}

data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = var.key_arns
  }
}
