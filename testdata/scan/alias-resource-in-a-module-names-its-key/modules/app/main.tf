variable "shared_key" {
  type = string
}

resource "aws_kms_key" "own" {
  description = "own"
}

resource "aws_kms_alias" "own" {
  name          = "alias/own"
  target_key_id = aws_kms_key.own.id
}

# The key is the caller's: this module cannot name it, the alias can.
resource "aws_kms_alias" "shared" {
  name          = "alias/shared"
  target_key_id = var.shared_key
}

data "aws_iam_policy_document" "use" {
  statement {
    sid       = "Own"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_alias.own.arn]
  }

  statement {
    sid       = "Shared"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_alias.shared.arn]
  }
}
