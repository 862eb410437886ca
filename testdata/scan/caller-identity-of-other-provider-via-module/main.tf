# Reproduces dlddu/terraform-aws-export-rds-snapshot@3307175: the root
# declares no key; the module it calls creates one through the
# configuration it is given (aws.from). The caller of aws.to is another
# configuration than the key's: its account, passed in, may be another one.
terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.from, aws.to]
    }
  }
}

data "aws_caller_identity" "to" {
  provider = aws.to
}

module "from" {
  source = "./from"
  providers = {
    aws = aws.from
  }
  to_account_id = data.aws_caller_identity.to.account_id
}

