inputs = {
  # tfkms:ignore TFKMS001 the logging role is replaced in Q3
  log_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/logs"
}
