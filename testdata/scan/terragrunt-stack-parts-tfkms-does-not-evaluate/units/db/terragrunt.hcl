terraform {
  source = "../../modules//kms-access"
}

inputs = {
  key_arns  = values.key_arns
  role_name = "db"
}
