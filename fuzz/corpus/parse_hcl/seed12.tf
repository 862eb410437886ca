# The AWS documentation's key policy example: any alias containing "alpha"
# selects the key, so whoever can create such an alias controls access.
resource "aws_kms_key" "alpha" {
  description = "alpha project key"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Key policy using a request alias condition"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/alpha-developer" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
        Condition = {
          StringLike = { "kms:RequestAlias" = "alias/*alpha*" }
        }
      }
    ]
  })
}
