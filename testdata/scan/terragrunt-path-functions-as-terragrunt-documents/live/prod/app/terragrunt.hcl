include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

locals {
  paths   = read_terragrunt_config("../../shared/paths.hcl").locals
  level   = read_terragrunt_config(find_in_parent_folders("marker.hcl")).locals.level
  modules = basename(find_in_parent_folders("modules"))
}

terraform {
  source = "../../../modules//kms-access"
}

# Each alias ARN is passed only when the function returned what Terragrunt's
# docs say it returns; each one that is passed is a finding.
inputs = {
  key_arns = concat(
    local.level == "prod" ? ["arn:aws:kms:eu-west-1:111122223333:alias/level"] : [],
    local.modules == "modules" ? ["arn:aws:kms:eu-west-1:111122223333:alias/modules"] : [],
    local.paths.here == "shared" ? ["arn:aws:kms:eu-west-1:111122223333:alias/here"] : [],
    local.paths.original == "app" ? ["arn:aws:kms:eu-west-1:111122223333:alias/original"] : [],
    local.paths.above == "live" ? ["arn:aws:kms:eu-west-1:111122223333:alias/above"] : [],
    include.root.locals.unit == "app" ? ["arn:aws:kms:eu-west-1:111122223333:alias/unit"] : [],
    include.root.locals.env == "prod" ? ["arn:aws:kms:eu-west-1:111122223333:alias/env"] : [],
  )
}
