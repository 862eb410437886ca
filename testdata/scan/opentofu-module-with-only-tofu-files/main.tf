# The called module has only .tofu files; its policy is evaluated with this
# call's argument like any module's.
module "reader" {
  source = "./modules/key-access"
  key    = "arn:aws:kms:us-east-1:111122223333:alias/orders"
}
