resource_arn = "arn:aws:kms:us-east-1:111122223333:alias/from-var-file"
extra        = ["arn:aws:kms:us-east-1:111122223333:alias/extra"]
