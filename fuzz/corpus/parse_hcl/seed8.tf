# A registry module, installed by `terraform init` into .terraform/modules:
# tfkms evaluates the installed copy with this call's arguments.
module "kms_access" {
  source   = "example-org/kms-access/aws"
  version  = "1.2.0"
  key_arns = ["arn:aws:kms:us-east-1:111122223333:alias/shared"]
}
