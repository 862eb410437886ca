# An empty provider block in a module configures nothing: Terraform reads
# it as a proxy for the configuration the caller passes or the module
# inherits ("Redundant empty provider block"), so the key is in the root's
# account.
provider "aws" {}
