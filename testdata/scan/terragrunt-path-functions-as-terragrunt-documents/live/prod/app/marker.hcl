# In the unit's own directory: find_in_parent_folders() never returns it.
locals {
  level = "app"
}
