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
  policy_id = "ünïcödé 日本語 😀"

  statement {
    sid       = "tab\there"
    actions   = ["a\u0001b", "quote\"back\\slash/", "nl\ncr\r", "bs\u0008ff\u000c", "del\u007f", "ls\u2028ps\u2029", "é€𝄞"]
    resources = ["arn:aws:s3:::bücket/日本"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
