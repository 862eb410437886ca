module "good" {
  source  = "./modules/key-access"
  key_arn = "arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000001"
}

module "bad" {
  source  = "./modules/key-access"
  key_arn = "arn:aws:kms:us-east-1:111122223333:alias/app"
}

module "bad_again" {
  source  = "./modules/key-access"
  key_arn = "arn:aws:kms:us-east-1:111122223333:alias/app"
}
