terraform {
  source = "../../modules//role"
}

inputs = {
  policy_path = "templates/access.json"
}
