terraform {
  source = "../../modules//kms-access"
}

# Outside the module's directory: not part of the module Terraform runs.
generate "escape" {
  path      = "../../escape.tf"
  if_exists = "overwrite"
  contents  = "locals { other = 1 }"
}

inputs = {
  role_name = "outside"
}
