locals {
  fe1_base = { for k in ["omega", "a10", "c"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe1" {
  for_each = { for k, v in local.fe1_base : k => v if k != "c" }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:Encrypt", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.fe1["a10"].json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
