resource "aws_iam_role" "app" {
  name = "payments-app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "app_kms" {
  name   = "kms"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app_kms.json
}

data "aws_iam_policy_document" "app_kms" {
  statement {
    sid       = "EncryptPayments"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:alias/payments"]
  }

  statement {
    sid       = "ReadLedgers"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/payments-*"]
    }
  }

  statement {
    sid       = "DescribeTheKey"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["arn:aws:kms:${var.region}:${var.account_id}:alias/payments"]
    }
  }
}
