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
  version                 = "2008-10-17"
  source_policy_documents = ["{\"Version\": \"2012-10-17\", \"Id\": \"source-id\", \"Statement\": [{\"Sid\": \"S\", \"Effect\": \"Allow\", \"Action\": \"s:S\"}]}"]
  override_policy_documents = [
    "{\"Id\": \"override-id\"}",
    "{\"Version\": \"2000-01-01\", \"Id\": \"\"}",
  ]

  statement {
    actions = ["own:Own"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
