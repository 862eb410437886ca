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

# Terraform keeps every string in Unicode NFC: a letter followed by a
# combining accent, written raw, as an escape, in a heredoc or split by an
# interpolation, is one precomposed character in the rendered policy.
locals {
  heredoc_policy = <<-EOT
    {"Statement": [{"Sid": "Heredoc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumeé"}]}
  EOT
}

data "aws_iam_policy_document" "accents" {
  statement {
    sid       = "Jose\u0301"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/café", "arn:aws:kms:us-east-1:111122223333:key/e${""}\u0301"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.heredoc_policy, data.aws_iam_policy_document.accents.json]
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
