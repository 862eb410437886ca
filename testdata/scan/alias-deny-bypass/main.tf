# Denies that a caller skips by naming the key by key ID or key ARN.

data "aws_iam_policy_document" "bad" {
  statement {
    sid       = "DenyPayrollByAlias"
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/payroll"]
    }
  }

  statement {
    sid       = "DenyRestrictedPattern"
    effect    = "Deny"
    actions   = ["kms:*"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = ["alias/restricted-*"]
    }
  }

  # NotAction: every action but alias creation, crypto included.
  statement {
    sid         = "DenyAllButCreateAlias"
    effect      = "Deny"
    not_actions = ["kms:CreateAlias"]
    resources   = ["*"]
    condition {
      test     = "StringEqualsIgnoreCase"
      variable = "kms:RequestAlias"
      values   = ["alias/secrets"]
    }
  }
}

# A key policy as jsonencode.
resource "aws_kms_key" "payroll" {
  description = "payroll"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyContractorsByAlias"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = { "kms:RequestAlias" = ["alias/payroll", "alias/payroll-archive"] }
        }
      },
    ]
  })
}

# Heredoc JSON, the key name in another case (condition keys are not
# case-sensitive).
resource "aws_iam_policy" "deny" {
  name   = "deny"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Action": "kms:Sign",
          "Resource": "*",
          "Condition": {"StringLike": {"KMS:RequestAlias": "alias/signing-*"}}
        }
      ]
    }
  JSON
}

data "aws_iam_policy_document" "good" {
  # Negated: also true when no alias is sent, so the Deny still applies.
  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/approved"]
    }
  }

  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringNotLike"
      variable = "kms:RequestAlias"
      values   = ["alias/approved-*"]
    }
  }

  # IfExists: true when the key is absent.
  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringEqualsIfExists"
      variable = "kms:RequestAlias"
      values   = ["alias/payroll"]
    }
  }

  # An Allow by alias is the documented use.
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/payroll"]
    }
  }

  # kms:RequestAlias is not sent with alias operations: nothing to bypass.
  statement {
    effect    = "Deny"
    actions   = ["kms:CreateAlias", "kms:DeleteAlias"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/payroll"]
    }
  }

  # A Deny by key ARN.
  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.payroll.arn]
  }
}
