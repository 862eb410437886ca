include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

locals {
  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))
}

terraform {
  source = "../../../modules//kms-access"
}

inputs = {
  key_arns = ["arn:aws:kms:${local.env.locals.region}:${include.root.locals.account}:alias/app"]
}
