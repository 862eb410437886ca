terraform {
  source = "../../modules//kms-access"
}

# The module has a locals.tf: skipped, the module's own is used.
generate "locals" {
  path      = "locals.tf"
  if_exists = "skip"
  contents  = "locals { key_arns = [\"arn:aws:kms:eu-west-1:111122223333:alias/skipped\"] }"
}

inputs = {
  role_name = "skip"
}
