# A root module: payments trusts alias/payments-* for access to its keys.
data "aws_iam_policy_document" "payments" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:*:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/payments-*"]
    }
  }
}

resource "aws_iam_policy" "payments" {
  name   = "payments"
  policy = data.aws_iam_policy_document.payments.json
}

# The module this root calls is part of its deployment.
module "consumer" {
  source = "../modules/consumer"
}

# The alias management in this root's own module is reported.
resource "aws_iam_policy" "payments_ops" {
  name = "payments-ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:UpdateAlias"
      Resource = "arn:aws:kms:*:111122223333:alias/reports-*"
    }]
  })
}
