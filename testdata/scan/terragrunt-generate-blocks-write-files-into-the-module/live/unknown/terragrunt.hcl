terraform {
  source = "../../modules//kms-access"
}

# Never run: the file it would write is not known.
generate "locals" {
  path      = "locals.tf"
  if_exists = "overwrite"
  contents  = run_cmd("cat", "locals.tf.template")
}

inputs = {
  role_name = "unknown"
}
