module "m2" {
  for_each = { for k in ["delta", "a2", "a1", "c"] : k => upper(k) }
  source   = "./modules/m2"
  name     = each.key
}

locals {
  je3_keys = zipmap(["omega", "b_x", "gamma"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["omega", "b_x", "gamma"]))
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = "kms:ListAliases", Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

locals {
  nfc4 = <<-EOT
    {"Statement": [{"Sid": "P4Nfc", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:111122223333:key/résumé"}]}
  EOT
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([local.je3], [local.nfc4])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(1e21),
        uuidv5("dns", "example.com"),
        jsonencode(concat(["a"], tolist(["b"]), [1])),
      ]
    }
  }

  statement {
    sid       = "P2Roles"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [for m in module.m2 : m.arn]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
