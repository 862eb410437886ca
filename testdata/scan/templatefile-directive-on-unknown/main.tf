# A template whose `%{ if }` tests a variable without a value: both
# renderings are read (no invalid JSON), the alias ARN of the optional
# statement is reported where the template says it.
variable "encrypted" {
  type = bool
}

resource "aws_iam_policy" "topic" {
  name   = "topic"
  policy = templatefile("${path.module}/policy.tpl", { encrypted = var.encrypted })
}
