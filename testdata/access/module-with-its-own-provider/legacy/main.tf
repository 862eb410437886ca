# A legacy module with its own provider configuration: its resources, and
# those of the modules it calls without `providers`, are created in
# 222222222222, not in the caller's account.
provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/deploy"
  }
}

module "inner" {
  source = "./inner"
}
