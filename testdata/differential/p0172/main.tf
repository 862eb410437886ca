locals {
  dy1 = {
    "a2" = { effect = "Allow", actions = ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a2"] }
  }
}

locals {
  dy3 = {
    "a1" = { effect = "Allow", actions = ["kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
  }
}

data "aws_iam_policy_document" "d" {

  dynamic "statement" {
    for_each = { for k, v in local.dy1 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P1${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
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
        jsonencode(sort([for n in [3, 1, 10] : tostring(n)])),
        jsonencode(1000000 * 1000000),
        jsonencode(one([])),
        jsonencode(tolist(["a", 1, true])),
      ]
    }
  }

  dynamic "statement" {
    for_each = values(local.dy3)
    content {
      sid       = "P3I${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
