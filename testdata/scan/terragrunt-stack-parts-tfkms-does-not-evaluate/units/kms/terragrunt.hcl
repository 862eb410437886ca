terraform {
  source = "${find_in_parent_folders("modules")}//kms-access"
}

inputs = {
  key_arns  = values.key_arns
  role_name = "app"
}
