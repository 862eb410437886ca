module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = element(["a2"], count.index)
}

locals {
  nfc3 = <<-EOT
    {"Statement": [{"Sid": "P3Nfc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumé"}]}
  EOT
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[module.m2[0].json], [local.nfc3]])

  statement {
    sid       = "P1F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = tolist(setsubtract(["kms:GenerateDataKey", "kms:GenerateDataKey*"], ["kms:Decrypt"]))
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${tostring(0.1 + 0.2)}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
