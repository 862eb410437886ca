locals {
  # Asks AWS who runs Terragrunt: unknown, never called.
  account = get_aws_account_id()
  region  = get_env("AWS_REGION", "eu-west-1")
}

terraform {
  source = "../../modules//use"
}

inputs = {
  key_arns = ["arn:aws:kms:${local.region}:${local.account}:alias/app"]
  # Runs a command: unknown, never run.
  log_key_arn = run_cmd("--terragrunt-quiet", "sh", "-c", "echo arn:aws:kms:eu-west-1:111122223333:key/1")
}
