# The caller passes an alias ARN (known only as `data.aws_kms_alias.x.arn`)
# where the module expects key ARNs. The module's document is checked on
# its own and through the `.json` its IAM policy uses: one finding, at the
# module argument that chose the alias.

data "aws_kms_alias" "shared" {
  name = "alias/shared-data"
}

module "access" {
  source = "./modules/access"
  keys = [
    { name = "shared", arn = data.aws_kms_alias.shared.arn },
  ]
}
