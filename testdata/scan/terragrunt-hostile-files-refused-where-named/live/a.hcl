include "b" {
  path = "b.hcl"
}
