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

data "aws_iam_policy_document" "o1" {
  statement {
    sid     = "E"
    actions = ["e:First"]
  }

  statement {
    sid     = "A"
    effect  = "Deny"
    actions = ["a:Overridden"]
  }
}

data "aws_iam_policy_document" "o2" {
  statement {
    sid     = "B"
    actions = ["b:Overridden"]
  }

  statement {
    sid     = "E"
    actions = ["e:Second"]
  }

  statement {
    actions = ["sidless:Override"]
  }
}

data "aws_iam_policy_document" "d" {
  override_policy_documents = [
    data.aws_iam_policy_document.o1.json,
    data.aws_iam_policy_document.o2.json,
  ]

  statement {
    sid     = "A"
    actions = ["a:Own"]
  }

  statement {
    actions = ["sidless:Own"]
  }

  statement {
    sid     = "B"
    actions = ["b:Own"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}

# What Terraform passes to the provider; scripts/oracle-render.sh copies it into input.json.
output "input_override_policy_documents" {
  value = data.aws_iam_policy_document.d.override_policy_documents
}
