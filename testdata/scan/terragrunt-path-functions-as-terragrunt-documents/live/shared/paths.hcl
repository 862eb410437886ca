# Read with read_terragrunt_config(): its own directory is
# get_terragrunt_dir(), the unit's is get_original_terragrunt_dir().
locals {
  here     = basename(get_terragrunt_dir())
  original = basename(get_original_terragrunt_dir())
  above    = read_terragrunt_config(find_in_parent_folders("marker.hcl")).locals.level
}
