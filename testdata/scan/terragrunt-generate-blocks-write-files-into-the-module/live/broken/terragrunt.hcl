terraform {
  source = "../../modules//kms-access"
}

# What it would write does not parse: Terragrunt would write it, and
# Terraform reject it.
generate "locals" {
  path      = "broken.tf"
  if_exists = "overwrite"
  contents  = "locals {"
}

# Terragrunt requires if_exists.
generate "provider" {
  path     = "provider.tf"
  contents = "provider \"aws\" {}"
}

inputs = {
  role_name = "broken"
}
