key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]

dependency "keys" {
  config_path = "../keys"
}
