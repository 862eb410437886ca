locals { back = read_terragrunt_config("r1.hcl") }
