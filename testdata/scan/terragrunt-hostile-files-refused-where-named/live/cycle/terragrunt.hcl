include "self" {
  path = "terragrunt.hcl"
}

terraform {
  source = "../../modules//use"
}

inputs = {
  key_arns    = ["arn:aws:kms:eu-west-1:111122223333:alias/cycle"]
  log_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666"
}
