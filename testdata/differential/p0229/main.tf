locals {
  nfc1 = <<-EOT
    {"Statement": [{"Sid": "P1Nfc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumé"}]}
  EOT
}

module "m2" {
  count  = 3
  source = "./modules/m2"
  name   = element(["Zeta", "c", "a2"], count.index)
}

data "aws_iam_policy_document" "sp3" {
  statement {
    sid       = "P3Splat"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp3_none = null
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.nfc1], [for m in module.m2 : m.json], concat(local.sp3_none[*], [data.aws_iam_policy_document.sp3.json]))
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
