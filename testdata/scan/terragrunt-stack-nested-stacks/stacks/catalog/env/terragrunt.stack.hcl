# Generated into live/.terragrunt-stack/NAME, as deep as it is here, so
# the relative source reaches units/ from both places.
unit "kms" {
  source = "../../../units/kms"
  path   = "kms"
  values = {
    key_arns = values.key_arns
  }
}
