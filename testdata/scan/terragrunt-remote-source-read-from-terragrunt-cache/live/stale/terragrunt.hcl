terraform {
  source = "git::https://example.com/infrastructure-modules.git//kms-access?ref=v1.2.0"
}

inputs = {
  key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/stale"]
}
