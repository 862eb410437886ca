include "root" {
  path = find_in_parent_folders("root.hcl")
}

terraform {
  source = "../../modules//use"
}

inputs = {
  key_arns = [
    "arn:aws:kms:eu-west-1:111122223333:alias/app", # tfkms:ignore TFKMS001 legacy app role
    "arn:aws:kms:eu-west-1:111122223333:alias/new",
  ]
}
