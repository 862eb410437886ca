terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "oracle"
  secret_key                  = "oracle"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

data "aws_iam_policy_document" "d" {
  statement {
    actions = ["s3:GetObject"]
    condition {
      test     = "StringEquals"
      variable = "s3:ExistingObjectTag/env"
      values   = ["prod"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:ExistingObjectTag/env"
      values   = ["staging"]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
