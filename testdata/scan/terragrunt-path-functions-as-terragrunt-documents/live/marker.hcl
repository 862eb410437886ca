locals {
  level = "live"
}
