variable "keys" {
  type = list(object({ name = string, arn = string }))
}

data "aws_iam_policy_document" "access" {
  statement {
    sid       = "UseKeys"
    actions   = ["kms:Decrypt"]
    resources = var.keys[*].arn
  }
}

resource "aws_iam_policy" "access" {
  name   = "access"
  policy = data.aws_iam_policy_document.access.json
}
