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
  version   = "2012-10-17"
  policy_id = "key-order"

  statement {
    sid           = "Everything"
    effect        = "Deny"
    actions       = ["kms:Decrypt", "kms:Encrypt"]
    not_actions   = ["kms:CreateGrant"]
    resources     = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    not_resources = ["arn:aws:kms:us-east-1:111122223333:key/keep"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/admin"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
