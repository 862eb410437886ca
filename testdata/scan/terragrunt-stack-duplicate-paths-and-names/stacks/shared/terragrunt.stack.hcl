# Generated into live/prod/.terragrunt-stack/shared: the units are four
# directories up from there. `app` goes to shared/app itself.
unit "app" {
  source                  = "../../../../units/kms"
  path                    = "app"
  no_dot_terragrunt_stack = true
  values = {
    key_arns = ["arn:aws:kms:eu-central-1:111122223333:alias/shared"]
  }
}
