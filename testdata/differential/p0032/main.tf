module "m1" {
  for_each = toset(["omega", "delta"])
  source   = "./modules/m1"
  name     = lower(each.key)
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Roles"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [for m in module.m1 : m.arn]
    }
  }

  statement {
    sid       = "P2F${replace(tostring(max(3, 7.5)), ".", "d")}"
    actions   = coalescelist([], ["kms:CreateGrant", "kms:ReEncrypt*", "kms:DescribeKey"])
    resources = [element(formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["omega", "c"]), 5)]
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
