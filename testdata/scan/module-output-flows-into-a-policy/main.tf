module "keys" {
  source = "./modules/keys"
  name   = "payments"
}

data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [module.keys.alias_arn, module.keys.key_arn]
  }
}
