variable "key_arns" {
  type = list(string)
}

variable "log_key_arn" {
  type = string
}

data "aws_iam_policy_document" "use" {
  statement {
    sid       = "UseAppKeys"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = var.key_arns
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["kms:GenerateDataKey"]
    resources = [var.log_key_arn]
  }
}

resource "aws_iam_policy" "use" {
  name   = "use-app-keys"
  policy = data.aws_iam_policy_document.use.json
}
