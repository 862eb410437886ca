locals { second = read_terragrunt_config("r2.hcl") }
