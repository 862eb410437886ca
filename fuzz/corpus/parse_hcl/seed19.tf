# var.key_arn has no default: tfkms cannot check the resource and says so.
variable "key_arn" {
  type = string
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key_arn]
  }
}
