# Generated into live/prod/.terragrunt-stack/NAME, where a relative path
# would start: the modules directory is found from there.
terraform {
  source = "${find_in_parent_folders("modules")}//kms-access"
}

inputs = {
  key_arns  = values.key_arns
  role_name = "app"
}
