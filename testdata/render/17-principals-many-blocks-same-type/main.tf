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
    actions = ["sns:Publish"]
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
    principals {
      type        = "Service"
      identifiers = ["logs.amazonaws.com", "events.amazonaws.com"]
    }
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    principals {
      type        = "Service"
      identifiers = ["sqs.amazonaws.com", "lambda.amazonaws.com", "sqs.amazonaws.com"]
    }
    principals {
      type        = "AWS"
      identifiers = ["111122223333"]
    }
    principals {
      type        = "AWS"
      identifiers = ["444455556666"]
    }
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/b", "arn:aws:iam::111122223333:role/a"]
    }
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/c"]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
