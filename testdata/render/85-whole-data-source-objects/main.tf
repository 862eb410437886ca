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

# A data source taken as a whole object, with or without an instance key,
# and splat on a block without count (Terraform wraps the one object).
data "aws_iam_policy_document" "single" {
  statement {
    sid       = "Single"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/single"]
  }
}

data "aws_iam_policy_document" "per_key" {
  for_each = toset(["beta", "alpha"])

  statement {
    sid       = "Key${each.key}"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

locals {
  documents = [data.aws_iam_policy_document.single, data.aws_iam_policy_document.per_key["beta"]]
}

data "aws_iam_policy_document" "splat" {
  statement {
    sid       = "Splat"
    actions   = ["kms:DescribeKey"]
    resources = [for doc in data.aws_iam_policy_document.single[*].minified_json : "arn:aws:kms:us-east-1:111122223333:key/${length(doc)}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(
    [for doc in local.documents : doc.json],
    [lookup(data.aws_iam_policy_document.per_key, "alpha").json],
    data.aws_iam_policy_document.splat[*].json,
  )
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
