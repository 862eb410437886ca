locals {
  level = "prod"
}
