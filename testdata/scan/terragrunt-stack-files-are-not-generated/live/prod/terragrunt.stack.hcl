unit "kms" {
  source = "../../units/kms"
  path   = "kms"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/app"]
  }
}

unit "kms_dr" {
  source = "../../units/kms"
  path   = "kms-dr"
  values = {
    key_arns = ["arn:aws:kms:eu-central-1:111122223333:alias/app"]
  }
}
