# The document cannot be rendered yet (its key ARN has no value), so
# neither can the policy that uses its `json`: one note, for both.
variable "key_arn" {
  type = string
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key_arn]
  }
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
