terraform {
  source = "../../modules//shared"
}
