# The root deploys to 111111111111. Module `legacy` declares its own
# default `aws` configuration (222222222222); module `proxy` declares an
# empty `provider "aws" {}` block, the deprecated proxy configuration that
# only says it expects the caller's.
provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111111111111:role/deploy"
  }
}

module "legacy" {
  source = "./legacy"
}

module "proxy" {
  source = "./proxy"
}
