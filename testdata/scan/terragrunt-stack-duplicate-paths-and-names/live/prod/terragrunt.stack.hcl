unit "kms" {
  source = "../../units/kms"
  path   = "kms"
  values = {
    key_arns = ["arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}

unit "kms_copy" {
  source = "../../units/kms"
  path   = "kms"
  values = {
    key_arns = ["arn:aws:kms:eu-central-1:111122223333:alias/copy"]
  }
}

unit "kms" {
  source = "../../units/kms"
  path   = "kms-again"
  values = {
    key_arns = ["arn:aws:kms:eu-central-1:111122223333:alias/again"]
  }
}

unit "blank" {
  source = "../../units/kms"
  path   = " "
}

stack "shared" {
  source = "../../stacks/shared"
  path   = "shared"
}

unit "beside_shared" {
  source = "../../units/kms"
  path   = "./shared/app"
  values = {
    key_arns = ["arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}
