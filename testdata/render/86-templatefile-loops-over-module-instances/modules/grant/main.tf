variable "name" {
  type = string
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "Grant${var.name}"
    actions   = ["kms:Decrypt", "kms:Encrypt"]
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
      Sid      = "Read${var.name}"
      Effect   = "Allow"
      Action   = ["kms:DescribeKey"]
      Resource = ["arn:aws:kms:us-east-1:111122223333:key/${var.name}"]
    },
  ]
}
