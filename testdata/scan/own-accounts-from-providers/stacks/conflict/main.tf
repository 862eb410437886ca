# The provider contradicts itself: it may deploy only to 111122223333 but
# assumes a role of 222233334444 (terraform plan would refuse it). Neither
# account is taken for this stack's own.

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
  assume_role {
    role_arn = "arn:aws:iam::222233334444:role/terraform"
  }
}

resource "aws_kms_key" "app" {
  description = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
