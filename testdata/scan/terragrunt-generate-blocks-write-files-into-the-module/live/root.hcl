# Written into every including unit's copy of the module, over its own
# locals.tf: the alias ARN is in the heredoc, as written here.
generate "locals" {
  path      = "locals.tf"
  if_exists = "overwrite"
  contents  = <<-EOF
    locals {
      key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/static"]
    }
  EOF
}

inputs = {
  role_name = "app"
}
