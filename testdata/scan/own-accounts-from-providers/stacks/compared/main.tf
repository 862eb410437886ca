# No provider says where this stack deploys, but it compares the caller's
# account with a literal: that account is one it runs as.

data "aws_caller_identity" "current" {}

locals {
  is_prod = data.aws_caller_identity.current.account_id == "333344445555"
}

resource "aws_kms_key" "app" {
  description = local.is_prod ? "app (prod)" : "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "KeyAdministrators"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::333344445555:role/key-admin" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "Partner"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444455556666:root" }
        Action    = ["kms:Decrypt", "kms:CreateGrant"]
        Resource  = "*"
      }
    ]
  })
}
