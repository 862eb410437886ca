locals {
  nfc1 = <<-EOT
    {"Statement": [{"Sid": "P1Nfc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumé"}]}
  EOT
}

locals {
  cn2_names = ["a1", "omega"]
}

data "aws_iam_policy_document" "cn2" {
  count = length(local.cn2_names)

  statement {
    sid       = "P2N${count.index}"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn2_names[count.index]}"]
  }
}

module "m4" {
  for_each = {
    "a10" = "arn:aws:iam::111122223333:role/a10"
    "gamma" = "arn:aws:iam::111122223333:role/gamma"
    "Zeta" = "arn:aws:iam::111122223333:role/Zeta"
    "omega" = "arn:aws:iam::111122223333:role/omega"
  }
  source   = "./modules/m4"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.nfc1], slice(data.aws_iam_policy_document.cn2[*].json, 0, 1))

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(lookup({ a = "1" }, "b", null)),
        yamlencode({ b = [1, "two"], a = { c = true } }),
        jsonencode(abs(-0.0)),
      ]
    }
  }

  statement {
    sid       = "P4Roles"
    actions   = ["kms:ReEncrypt*", "kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [for m in module.m4 : m.arn]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
