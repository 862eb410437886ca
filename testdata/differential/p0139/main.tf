module "m1" {
  for_each = toset(["alpha", "delta"])
  source   = "./modules/m1"
  name     = each.key
}

locals {
  nfc3 = <<-EOT
    {"Statement": [{"Sid": "P3Nfc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumé"}]}
  EOT
}

module "m4" {
  for_each = toset(["omega", "b_x", "gamma"])
  source   = "./modules/m4"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.nfc3], [for m in values(module.m4) : m.json])

  statement {
    sid       = "P1Roles"
    actions   = ["kms:CreateGrant", "kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = values({ for k, m in module.m1 : k => m.arn })
    }
  }

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(values({ z = "last", a = "first", M = "middle" })),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
