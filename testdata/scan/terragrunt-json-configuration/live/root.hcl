locals {
  account = "111122223333"
}

inputs = {
  role_name = "app"
}
