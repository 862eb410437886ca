terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.source, aws.target]
    }
  }
}

# The account the snapshot is shared with: the caller of ANOTHER provider.
data "aws_caller_identity" "target" {
  provider = aws.target
}

data "aws_caller_identity" "source" {
  provider = aws.source
}

resource "aws_kms_key" "export" {
  provider = aws.source
}

resource "aws_kms_key_policy" "export" {
  provider = aws.source
  key_id   = aws_kms_key.export.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = { AWS = [
        "arn:aws:iam::${data.aws_caller_identity.source.account_id}:root",
        "arn:aws:iam::${data.aws_caller_identity.target.account_id}:root",
      ] }
      Action   = "kms:*"
      Resource = "*"
    }]
  })
}
