locals {
  nfc1 = <<-EOT
    {"Statement": [{"Sid": "P1Nfc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumé"}]}
  EOT
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.nfc1]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
