resource "aws_kms_key" "payments" {
  description         = "Encrypts payment records and the ledger."
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.payments_key.json
}

resource "aws_kms_alias" "payments" {
  name          = "alias/payments"
  target_key_id = aws_kms_key.payments.key_id
}

resource "aws_kms_alias" "ledger" {
  name          = "alias/payments-ledger"
  target_key_id = aws_kms_key.payments.key_id
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "payments_key" {
  # AWS's default: the account's IAM policies decide who uses the key.
  statement {
    sid = "EnableIAMPolicies"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
    actions   = ["kms:*"]
    resources = ["*"]
  }

  # The analytics account reads the ledger exports.
  statement {
    sid = "AnalyticsAccountRead"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"]
    resources = ["*"]
  }
}
