run "decrypts" {
  variables {
    key = "arn:aws:kms:us-east-1:111122223333:alias/in-a-tofu-test"
  }
}
