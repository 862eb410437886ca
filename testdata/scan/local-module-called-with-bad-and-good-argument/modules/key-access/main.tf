variable "key_arn" {
  type = string
}

data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key_arn]
  }
}

output "json" {
  value = data.aws_iam_policy_document.use.json
}
