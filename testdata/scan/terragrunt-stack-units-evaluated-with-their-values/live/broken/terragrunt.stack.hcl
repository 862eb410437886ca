unit "kms" {
  source = "../../units/kms"
  path   = 
}
