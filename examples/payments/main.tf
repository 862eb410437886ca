# The payments service: its encryption key and aliases, the role the
# application runs as, an operators' role, read access for the analytics
# account, and a guardrail. It holds one of each common KMS alias mistake;
# `tfkms scan examples` shows them, each with its fix.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}
