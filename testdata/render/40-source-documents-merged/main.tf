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

data "aws_iam_policy_document" "a" {
  statement {
    actions = ["foo:ActionOne"]
  }

  statement {
    sid     = "validSidOne"
    actions = ["bar:ActionOne"]
  }
}

data "aws_iam_policy_document" "b" {
  policy_id = "b-id"

  statement {
    sid     = "validSidTwo"
    effect  = "Deny"
    actions = ["foo:ActionTwo"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [
    data.aws_iam_policy_document.a.json,
    data.aws_iam_policy_document.b.json,
  ]

  statement {
    sid       = "Own"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }

  statement {
    actions   = ["kms:Encrypt"]
    resources = ["*"]
  }
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
