# A module outside the scanned directory.
terraform {
  source = "../../../../catalog//shared"
}
