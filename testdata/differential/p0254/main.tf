locals {
  dy1 = {
    "gamma" = { effect = "Deny", actions = ["kms:GenerateDataKey", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
  }
}

locals {
  je3_keys = merge({ "a2" = "arn:aws:kms:us-east-1:111122223333:key/a-a2", "delta" = "arn:aws:kms:us-east-1:111122223333:key/a-delta" }, { "delta" = "arn:aws:kms:us-east-1:111122223333:key/b-delta" })
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:DescribeKey"], Resource = v }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je3]

  dynamic "statement" {
    for_each = values(local.dy1)
    content {
      sid       = "P1I${statement.key}"
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
        tostring(length("e\u0301te\u0301")),
      ]
    }
  }

  statement {
    sid       = "P4Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(toset([3, 1, 2, 10])),
        jsonencode(reverse(sort(["a10", "a9", "A", "b"]))),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
