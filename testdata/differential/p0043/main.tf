locals {
  dy2 = {
    "Zeta" = { effect = "Allow", actions = ["kms:CreateGrant"], resources = ["arn:aws:kms:us-east-1:111122223333:key/Zeta"] }
    "c" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:ReEncrypt*", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
    "alpha" = { effect = "Deny", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
  }
}

data "aws_iam_policy_document" "sp3" {
  statement {
    sid       = "P3Splat"
    actions   = ["kms:ListAliases", "kms:CreateGrant", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp3_none = null
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(local.sp3_none[*], [data.aws_iam_policy_document.sp3.json])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(parseint("777", 8)),
      ]
    }
  }

  dynamic "statement" {
    for_each = { for k, v in local.dy2 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P2${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
