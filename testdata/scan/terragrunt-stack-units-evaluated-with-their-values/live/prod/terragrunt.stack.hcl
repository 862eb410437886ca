locals {
  account = "111122223333"
}

# Deployed twice from one unit: each generated unit gets its own values.
unit "kms" {
  source = "../../units/kms"
  path   = "kms"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:${local.account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}

unit "kms_dr" {
  source = "../../units/kms"
  path   = "kms-dr"
  values = {
    key_arns = ["arn:aws:kms:eu-central-1:${local.account}:alias/app"]
  }
}

# No values: Terragrunt writes no terragrunt.values.hcl, so `values.key_arns`
# is not known in this unit, a note where it reaches the policy.
unit "kms_bare" {
  source = "../../units/kms"
  path   = "kms-bare"
}
