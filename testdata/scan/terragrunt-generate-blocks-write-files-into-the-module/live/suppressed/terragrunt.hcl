terraform {
  source = "../../modules//kms-access"
}

# A suppression written in the contents is a comment of the file
# Terragrunt writes, and applies there.
generate "locals" {
  path      = "locals.tf"
  if_exists = "overwrite"
  contents  = <<EOF
locals {
  # tfkms:ignore TFKMS001 the role is given the key elsewhere; this grants nothing, on purpose
  key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/suppressed"]
}
EOF
}

inputs = {
  role_name = "suppressed"
}
