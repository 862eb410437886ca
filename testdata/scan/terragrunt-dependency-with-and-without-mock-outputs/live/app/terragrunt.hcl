dependency "keys" {
  config_path = "../keys"

  # What Terragrunt gives this unit while ../keys has no state (plan,
  # validate): the alias ARN is what this unit is checked with.
  mock_outputs = {
    app_alias_arn = "arn:aws:kms:eu-west-1:111122223333:alias/app"
  }
}

# No mock_outputs: the output is known only once ../logging is applied.
dependency "logging" {
  config_path = "../logging"
}

terraform {
  source = "../../modules//use"
}

inputs = {
  key_arns    = [dependency.keys.outputs.app_alias_arn]
  log_key_arn = dependency.logging.outputs.key_arn
}
