include "root" {
  path = find_in_parent_folders("root.hcl")
}

locals {
  region = "us-east-1"
}

terraform {
  source = "../../modules//kms-access"
}

# Replaces the included block of the same name; its contents are built
# from a local, so they are parsed as the file Terragrunt writes.
generate "locals" {
  path      = "locals.tf"
  if_exists = "overwrite"
  contents  = <<EOF
locals {
  key_arns = ["arn:aws:kms:${local.region}:111122223333:alias/computed"]
}
EOF
}
