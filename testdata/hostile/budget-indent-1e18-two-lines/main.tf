data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [indent(1e18, "x\ny")]
  }
}
