locals {
  dy2 = {
    "gamma" = { effect = "Deny", actions = ["kms:DescribeKey", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "delta" = { effect = "Allow", actions = ["kms:Encrypt", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "a2" = { effect = "Allow", actions = ["kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
    "Zeta" = { effect = "Deny", actions = ["kms:GenerateDataKey*", "kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
  }
}

data "aws_iam_policy_document" "sp3" {
  statement {
    sid       = "P3Splat"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for d in [data.aws_iam_policy_document.sp3] : d.json]

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(index(["x", "y", "z"], "z")),
      ]
    }
  }

  dynamic "statement" {
    for_each = local.dy2
    content {
      sid       = "P2${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
