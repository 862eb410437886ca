variable "key_arns" {
  type = list(string)
}

variable "role_name" {
  type = string
}

data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = var.key_arns
  }
}

resource "aws_iam_role_policy" "use" {
  name   = "use-keys"
  role   = var.role_name
  policy = data.aws_iam_policy_document.use.json
}
