include "root" {
  path = find_in_parent_folders("root.hcl")
}

terraform {
  source = "../../modules//kms-access"
}

# Replaces the included block, and writes nothing.
generate "locals" {
  path      = "locals.tf"
  if_exists = "overwrite"
  disable   = true
  contents  = ""
}
