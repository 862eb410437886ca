# Terraform accepts an object that repeats a key (the last one wins);
# hcl-edit 0.10 rejects it. The file must still be checked.
locals {
  target = {
    resource = "arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000001"
    resource = "arn:aws:kms:us-east-1:111122223333:alias/app"
  }
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [local.target.resource]
  }
}
