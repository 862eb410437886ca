locals {
  # Every team alias: anyone who may create an alias named app-... gets in.
  alias_pattern = "alias/app-*"
}

inputs = {
  alias_patterns = [local.alias_pattern]
  tags = {
    team = "platform"
  }
}
