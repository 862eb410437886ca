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

data "aws_iam_policy_document" "base" {
  policy_id = "base"

  statement {
    sid     = "Trust"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com", "ec2.amazonaws.com"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["x"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/a", "arn:aws:iam::*:role/b"]
    }
  }

  statement {
    sid       = "Keep"
    actions   = ["kms:Decrypt", "kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "patch" {
  statement {
    sid     = "Trust"
    effect  = "Deny"
    actions = ["sts:AssumeRole"]
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/x"]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.patch.json]
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

# What Terraform passes to the provider; scripts/oracle-render.sh copies it into input.json.
output "input_override_policy_documents" {
  value = data.aws_iam_policy_document.d.override_policy_documents
}
