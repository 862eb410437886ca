# The module creates its key through the default configuration, which the
# root passes on implicitly; the root's caller identity is of that same
# configuration: the key's own account, nothing to report (compare
# caller-identity-of-other-provider-via-module).
data "aws_caller_identity" "current" {}

module "key" {
  source        = "./key"
  to_account_id = data.aws_caller_identity.current.account_id
}
