# The same remote source as live/app: one note for both.
terraform {
  source = "git::https://github.com/example/infrastructure-modules.git//kms-access?ref=v1.2.0"
}
