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

# The provider sets a policy document's `id` to the CRC-32 of its indented
# JSON, in decimal; the JSON it hashes still has the combining accent its
# Go decoder made of `\u0301`, which Terraform only then normalizes to NFC.
data "aws_iam_policy_document" "plain" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/plain"]
  }
}

data "aws_iam_policy_document" "escaped" {
  source_policy_documents = ["{\"Statement\": [{\"Sid\": \"Jose\\u0301\", \"Effect\": \"Allow\", \"Action\": \"kms:Encrypt\", \"Resource\": \"*\"}]}"]
}

data "aws_iam_policy_document" "d" {
  policy_id = data.aws_iam_policy_document.plain.id

  statement {
    sid       = "Escaped${data.aws_iam_policy_document.escaped.id}"
    actions   = ["kms:Sign"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${data.aws_iam_policy_document.escaped.id}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
