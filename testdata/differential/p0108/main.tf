locals {
  missing_obj = { present = true }
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(length("héllo")), ".", "d")}"
    actions   = [element(["kms:Encrypt", "kms:DescribeKey", "kms:Decrypt", "kms:ListAliases"], 7)]
    resources = [try(local.missing_obj.nope, "arn:aws:kms:us-east-1:111122223333:key/fallback")]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
