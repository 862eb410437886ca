module "m1" {
  count  = 1
  source = "./modules/m1"
  name   = element(["a2"], count.index)
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten(module.m1[*].statements) })], data.aws_iam_policy_document.sp2[*].json)
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
