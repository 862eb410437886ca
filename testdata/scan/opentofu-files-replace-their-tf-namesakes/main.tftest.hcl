# A test file is not configuration: nothing in it is deployed.
run "decrypts" {
  variables {
    key = "arn:aws:kms:us-east-1:111122223333:alias/in-a-test"
  }
}
