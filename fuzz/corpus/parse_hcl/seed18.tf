# aws_kms_alias.app.arn is unknown until apply, but it is an alias ARN.
resource "aws_kms_key" "app" {}

resource "aws_kms_alias" "app" {
  name          = "alias/app"
  target_key_id = aws_kms_key.app.key_id
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Encrypt", "kms:Decrypt"]
    resources = [aws_kms_alias.app.arn]
  }
  statement {
    actions   = ["kms:Encrypt"]
    resources = [aws_kms_key.app.arn]
  }
}
