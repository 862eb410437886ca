# Generated in place (no .terragrunt-stack) and committed: live/app is
# the copy `terragrunt stack generate` wrote, with its values.
unit "app" {
  source                  = "git::https://example.com/acme/catalog.git//units/kms?ref=v1.0.0"
  path                    = "app"
  no_dot_terragrunt_stack = true
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/app"]
  }
}

# Generated from a local source: the stack is what Terragrunt generates
# from before it runs, so the unit is evaluated from it, and the older
# copy in .terragrunt-stack/local (named among the paths to scan) is not
# evaluated a second time.
unit "local" {
  source = "../units/kms"
  path   = "local"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}
