locals {
  never = "read"
}
