resource "aws_iam_role" "operators" {
  name = "payments-operators"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "operators_kms" {
  name = "kms"
  role = aws_iam_role.operators.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Operators rename and rotate the service's aliases (an alias
        # action needs both the alias and the key).
        Sid    = "ManagePaymentsAliases"
        Effect = "Allow"
        Action = ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"]
        Resource = [
          "arn:aws:kms:${var.region}:${var.account_id}:alias/payments-*",
          aws_kms_key.payments.arn,
        ]
      },
      {
        # Only the application may read the ledger.
        Sid      = "NoLedgerForOperators"
        Effect   = "Deny"
        Action   = "kms:Decrypt"
        Resource = "*"
        Condition = {
          StringEquals = { "kms:RequestAlias" = "alias/payments-ledger" }
        }
      },
    ]
  })
}
