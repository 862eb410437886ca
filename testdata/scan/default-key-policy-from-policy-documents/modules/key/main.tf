variable "policy" {
  type = string
}

resource "aws_kms_key" "this" {
  description = "from a module"
  policy      = var.policy
}
