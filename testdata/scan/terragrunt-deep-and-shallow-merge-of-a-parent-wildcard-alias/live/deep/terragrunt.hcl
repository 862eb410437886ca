# Deep merge concatenates the lists: the parent's wildcard pattern stays.
# https://terragrunt.gruntwork.io/docs/reference/config-blocks-and-attributes/#include
include "root" {
  path           = find_in_parent_folders("root.hcl")
  merge_strategy = "deep"
}

terraform {
  source = "../../modules//decrypt"
}

inputs = {
  alias_patterns = ["alias/app-main"]
  tags = {
    env = "prod"
  }
}
