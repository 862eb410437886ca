# The tree deploys to two accounts (providers aws.prod and aws.dev), so an
# account of the two is not "the" own account. The key is created through
# aws.prod, whose allowed_account_ids place it in 111111111111: the root of
# that account enables IAM policies of the key's own account; the root of
# 222222222222 (aws.dev's) and of 444444444444 are other accounts than the
# key's, whose IAM policies (not in the tree) must also allow.
provider "aws" {
  alias               = "prod"
  region              = "us-east-1"
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias               = "dev"
  region              = "us-east-1"
  allowed_account_ids = ["222222222222"]
}

resource "aws_kms_key" "key" {
  provider = aws.prod
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Admins"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111111111111:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "Dev"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::222222222222:root" }
        Action    = ["kms:Encrypt"]
        Resource  = "*"
      },
      {
        Sid       = "Partner"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444444444444:root" }
        Action    = ["kms:Decrypt", "kms:DescribeKey"]
        Resource  = "*"
      },
    ]
  })
}
