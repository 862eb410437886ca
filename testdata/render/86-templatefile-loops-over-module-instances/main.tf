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

# templatefile() templates that loop over the instances of a for_each
# module: a `%{ for }` directive with a separator, and a `for` expression
# inside jsonencode.
module "grant" {
  for_each = toset(["orders", "billing", "audit"])
  source   = "./modules/grant"
  name     = each.key
}

locals {
  role_arns = { for k, m in module.grant : k => m.arn }
  last_role = reverse(sort(keys(local.role_arns)))[0]
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [
    templatefile("${path.module}/roles.json.tftpl", { roles = local.role_arns, last = local.last_role }),
    templatefile("${path.module}/keys.json.tftpl", { names = keys(module.grant), statements = flatten(values(module.grant)[*].statements) }),
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
