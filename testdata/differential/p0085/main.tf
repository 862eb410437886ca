module "m2" {
  for_each = toset(["b_x", "alpha"])
  source   = "./modules/m2"
  name     = each.key
}

locals {
  dy3 = {
    "omega" = { effect = "Deny", actions = ["kms:GenerateDataKey*", "kms:DescribeKey", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
    "a10" = { effect = "Allow", actions = ["kms:ReEncrypt*", "kms:GenerateDataKey", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a10"] }
    "c" = { effect = "Allow", actions = ["kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:DescribeKey", "kms:GenerateDataKey*"] })]

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        substr("abc", -2, -1),
        base64sha256("kms"),
      ]
    }
  }

  dynamic "statement" {
    for_each = local.dy3
    content {
      sid       = "P3${statement.key}"
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
