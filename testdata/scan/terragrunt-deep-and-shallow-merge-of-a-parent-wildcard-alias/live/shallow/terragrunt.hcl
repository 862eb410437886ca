# Shallow merge (the default): the child's `alias_patterns` replaces the
# parent's, so no wildcard reaches the policy.
include "root" {
  path = find_in_parent_folders("root.hcl")
}

terraform {
  source = "../../modules//decrypt"
}

inputs = {
  alias_patterns = ["alias/app-main"]
  tags = {
    team = "web"
  }
}
