key_arn = "arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000002"
kye_arn = "arn:aws:kms:us-east-1:111122223333:alias/app"
