locals {
  dy1 = {
    "beta" = { effect = "Deny", actions = ["kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "a1" = { effect = "Deny", actions = ["kms:GenerateDataKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
    "gamma" = { effect = "Allow", actions = ["kms:Encrypt", "kms:ReEncrypt*", "kms:DescribeKey"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "alpha" = { effect = "Deny", actions = ["kms:CreateGrant", "kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
  }
}

data "aws_iam_policy_document" "cn3" {
  count = 2

  statement {
    sid       = "P3N${count.index}"
    effect    = "Allow"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.cn3[1].json]

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
        jsonencode(csvdecode("a,b\n1,\"x,y\"\n")),
        jsonencode({ for s in ["b", "a"] : s => upper(s) if s != "c" }),
        jsonencode(ceil(-1.5)),
        join(",", formatlist("%s=%d", ["a", "b"], [1, 2])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
