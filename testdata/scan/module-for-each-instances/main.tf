module "use" {
  source = "./modules/use"
  for_each = {
    a = "arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000001"
    b = "arn:aws:kms:us-east-1:111122223333:alias/b"
  }
  resource_arn = each.value
}
