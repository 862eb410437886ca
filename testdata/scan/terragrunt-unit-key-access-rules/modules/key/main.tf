provider "aws" {
  allowed_account_ids = ["111122223333"]
}

variable "app_role_arn" {
  type = string
}

# Only the app role may use the key: no one may change its policy.
resource "aws_kms_key" "app" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "App"
      Effect    = "Allow"
      Principal = { AWS = var.app_role_arn }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}
