data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [format("%4000000000s", "x")]
  }
}
