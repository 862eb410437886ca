# Included: evaluated for the unit, so its path functions are the unit's.
locals {
  unit = basename(get_terragrunt_dir())
  env  = read_terragrunt_config(find_in_parent_folders("marker.hcl")).locals.level
}

inputs = {
  role_name = "app"
}
