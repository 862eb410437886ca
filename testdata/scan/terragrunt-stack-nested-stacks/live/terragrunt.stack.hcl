# Two environments from one nested stack, each with its own values.
stack "prod" {
  source = "../stacks/catalog/env"
  path   = "prod"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}

stack "staging" {
  source = "../stacks/catalog/env"
  path   = "staging"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:444455556666:alias/staging"]
  }
}
