variable "name" {
  type = string
}

variable "actions" {
  type    = list(string)
  default = ["kms:CreateGrant", "kms:GenerateDataKey"]
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "P3G${var.name}"
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
      Sid      = "P3R${var.name}"
      Effect   = "Allow"
      Action   = "kms:CreateGrant"
      Resource = ["arn:aws:kms:us-east-1:111122223333:key/${var.name}"]
    },
  ]
}
