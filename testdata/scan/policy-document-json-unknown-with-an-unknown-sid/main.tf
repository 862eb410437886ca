variable "sid" {
  type = string
}

data "aws_iam_policy_document" "app" {
  statement {
    sid       = var.sid
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}

# The provider renders `json` only when every argument is known: with the
# Sid unknown, the text and anything computed from it wait for apply.
data "aws_iam_policy_document" "derived" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [substr(data.aws_iam_policy_document.app.json, 0, 12)]
  }
}

# The statements themselves are still read through the document.
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
