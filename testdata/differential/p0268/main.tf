locals {
  t2 = {
    "Zeta" = { name = "Zeta", actions = ["kms:DescribeKey", "kms:Encrypt"], keys = ["omega", "omega"], weight = 1.5 }
    "beta" = { name = "beta", actions = ["kms:GenerateDataKey"], keys = ["c", "b_x", "beta", "c"], tags = { "aws:PrincipalTag/team" = "Zeta", "aws:PrincipalTag/level" = 10 }, weight = 1.5 }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

data "aws_iam_policy_document" "cn3" {
  count = 1

  statement {
    sid       = "P3N${count.index}"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], data.aws_iam_policy_document.cn3[*].minified_json)

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        base64decode("a21zOkRlY3J5cHQ="),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
