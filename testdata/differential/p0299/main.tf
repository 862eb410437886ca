module "m1" {
  for_each = toset(["omega", "c", "Zeta"])
  source   = "./modules/m1"
  name     = each.key
}

locals {
  missing_obj = { present = true }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p1.json.tftpl", { roles = { for k, m in module.m1 : k => m.arn }, actions = ["kms:DescribeKey", "kms:GenerateDataKey*"], last = "omega" })]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        replace("kms:Decrypt", "/^(\\w+):(\\w+)$/", "$2@$1"),
      ]
    }
  }

  statement {
    sid       = "P3F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = distinct(concat(["kms:DescribeKey", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Encrypt"], ["kms:DescribeKey", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Encrypt"]))
    resources = [try(local.missing_obj.nope, "arn:aws:kms:us-east-1:111122223333:key/fallback")]
  }

  statement {
    sid       = "P4F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = compact(["", "kms:Decrypt", ""])
    resources = values(zipmap(["b", "a", "C"], ["arn:aws:kms:us-east-1:111122223333:key/2", "arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms:us-east-1:111122223333:key/0"]))
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
