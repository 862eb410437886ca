resource "aws_kms_key" "key" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "First"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = "kms:Encrypt"
      Resource  = "*"
      }, {
      Sid       = "Second"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222222222222:root" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}
