# The alias lives in a module: its key is named as the module names it.
resource "aws_kms_key" "root" {
  description = "root"
}

module "app" {
  source     = "./modules/app"
  shared_key = aws_kms_key.root.key_id
}
