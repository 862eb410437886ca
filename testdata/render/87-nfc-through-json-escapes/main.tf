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

# Text that reaches the policy through a JSON escape: the provider's Go JSON
# decoder turns `\u0301` into a combining accent, and Terraform keeps every
# string it receives in Unicode NFC, so the rendered policy has `é`.
locals {
  escaped_source = "{\"Statement\": [{\"Sid\": \"Source\", \"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"arn:aws:kms:us-east-1:111122223333:key/Jose\\u0301\"}]}"
  decoded        = jsondecode("{\"name\": \"Rene\\u0301e\", \"list\": [\"cafe\\u0301\"]}")
}

data "aws_iam_policy_document" "decoded" {
  statement {
    sid       = "Decoded"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.decoded.name}", "arn:aws:kms:us-east-1:111122223333:key/${local.decoded.list[0]}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [
    local.escaped_source,
    data.aws_iam_policy_document.decoded.json,
    jsonencode({ Statement = [{ Sid = "Encoded", Effect = "Deny", Action = "kms:Sign", Resource = jsondecode("\"arn:aws:kms:us-east-1:111122223333:key/nin\\u0303o\"") }] }),
  ]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}

# What Terraform passes to the provider; scripts/oracle-render.sh copies it into input.json.
output "input_source_policy_documents" {
  value = data.aws_iam_policy_document.d.source_policy_documents
}
