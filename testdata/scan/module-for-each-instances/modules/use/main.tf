variable "resource_arn" {
  type = string
}

resource "aws_iam_policy" "p" {
  name = "use"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = var.resource_arn
    }]
  })
}
