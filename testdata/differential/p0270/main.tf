locals {
  dy1 = {
    "delta" = { effect = "Allow", actions = ["kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "a2" = { effect = "Deny", actions = ["kms:GenerateDataKey*", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "alpha" = { effect = "Deny", actions = ["kms:CreateGrant", "kms:GenerateDataKey", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "a10" = { effect = "Allow", actions = ["kms:Decrypt", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
  }
}

data "aws_iam_policy_document" "d" {

  dynamic "statement" {
    for_each = local.dy1
    content {
      sid       = "P1${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
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
        lower("ÀÉÎ İ"),
        jsonencode(lookup({ a = "1" }, "b", null)),
        jsonencode(0.000001),
      ]
    }
  }

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        base64sha256("kms"),
        tostring(sum([1, 2.5, 3])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
