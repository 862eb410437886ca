# No default and no tfvars: tfkms says what it could not check.
variable "key_arn" {
  type = string
}

data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key_arn]
  }
}
