unit "kms" {
  source = "../../units/kms"
  path   = "kms"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }

  # Merged into the generated unit by Terragrunt 1.1, the autoinclude
  # winning: an alias ARN that tfkms does not see.
  autoinclude {
    inputs = {
      key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/app"]
    }
  }
}

unit "paths" {
  source = "../../units/kms"
  path   = "paths"
  values = {
    key_arns = [unit.kms.path]
  }
}
