unit "local" {
  source = "../../units/kms"
  path   = "local"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/local"]
  }
}

# Never downloaded: one note for every remote source of the scan.
unit "from_git" {
  source = "git::https://example.com/acme/catalog.git//units/kms?ref=v1.0.0"
  path   = "from-git"
  values = {
    key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/git"]
  }
}

unit "from_registry" {
  source = "tfr:///acme/catalog/aws//units/kms?version=1.0.0"
  path   = "from-registry"
}

# Outside the scanned directory: never read.
unit "outside" {
  source = "../../../../elsewhere/units/kms"
  path   = "outside"
}
