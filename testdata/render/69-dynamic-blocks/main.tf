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

locals {
  grants = [
    { sid = "Read", actions = ["kms:Decrypt", "kms:DescribeKey"], roles = ["reader", "auditor"] },
    { sid = "Write", actions = ["kms:Encrypt", "kms:GenerateDataKey*"], roles = ["writer"] },
  ]
  tags = { team = ["a", "b"], env = ["prod"] }
}

data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = local.grants
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = ["*"]

      dynamic "principals" {
        for_each = statement.value.roles
        content {
          type        = "AWS"
          identifiers = ["arn:aws:iam::111122223333:role/${principals.value}"]
        }
      }

      dynamic "condition" {
        for_each = local.tags
        content {
          test     = "StringEquals"
          variable = "aws:PrincipalTag/${condition.key}"
          values   = condition.value
        }
      }
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
