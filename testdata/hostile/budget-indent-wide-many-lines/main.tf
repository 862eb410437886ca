locals {
  text = join("\n", [for i in range(1000) : "line"])
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [indent(100000, local.text)]
  }
}
