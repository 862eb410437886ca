variable "name" {
  type = string
}

variable "actions" {
  type    = list(string)
  default = ["kms:Decrypt", "kms:Encrypt"]
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "P2G${var.name}"
    actions   = var.actions
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${var.name}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.this.json
}

output "arn" {
  value = "arn:aws:iam::111122223333:role/${var.name}"
}

output "statements" {
  value = [
    {
      Sid      = "P2R${var.name}"
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = ["arn:aws:kms:us-east-1:111122223333:key/${var.name}"]
    },
  ]
}
