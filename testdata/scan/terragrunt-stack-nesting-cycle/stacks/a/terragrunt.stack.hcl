unit "kms" {
  source = "${find_in_parent_folders("units")}/kms"
  path   = "kms"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/a"]
  }
}

stack "b" {
  source = "${find_in_parent_folders("stacks")}/b"
  path   = "b"
}
