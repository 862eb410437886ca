module "m1" {
  count  = 3
  source = "./modules/m1"
  name   = element(["omega", "gamma", "a2"], count.index)
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for m in module.m1 : m.json], data.aws_iam_policy_document.sp2[*].json)
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
