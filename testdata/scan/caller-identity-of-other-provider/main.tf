# Reproduces dlddu/terraform-aws-export-rds-snapshot@3307175: the key is
# created through aws.source; the second principal is the root of the
# account of the caller of aws.target, which may be another account.
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

# Another configuration's caller, but the statement only lets it use the key
# (no CreateGrant): nothing to report.
resource "aws_kms_key" "use_only" {
  provider = aws.source
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.source.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
      }, {
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.target.account_id}:root" }
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }]
  })
}

# Grants only for AWS resources: nothing to report.
resource "aws_kms_key" "for_aws_resources" {
  provider = aws.source
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.source.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
      }, {
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.target.account_id}:root" }
      Action    = ["kms:CreateGrant"]
      Resource  = "*"
      Condition = { Bool = { "kms:GrantIsForAWSResource" = "true" } }
    }]
  })
}
