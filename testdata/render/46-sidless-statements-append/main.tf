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
  source_policy_documents   = ["{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s:One\"}, {\"Effect\": \"Allow\", \"Action\": \"s:One\"}]}"]
  override_policy_documents = ["{\"Statement\": [{\"Sid\": \"\", \"Effect\": \"Deny\", \"Action\": \"o:One\"}]}"]

  statement {
    actions = ["own:One"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
