terraform {
  source = "../../modules//key"
}

inputs = {
  app_role_arn = "arn:aws:iam::111122223333:role/app"
}
