# Every path here leads out of the scanned directory: each is refused where
# it is named, and nothing outside is touched.
include "outside" {
  path = "../../../terragrunt-outside.hcl"
}

locals {
  secrets = read_terragrunt_config("/etc/terragrunt.hcl")
  account = find_in_parent_folders("account.hcl")
}

terraform {
  source = "../../modules//use"
}

inputs = {
  key_arns    = [run_cmd("sh", "-c", "curl https://example.com/keys")]
  log_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666"
}
