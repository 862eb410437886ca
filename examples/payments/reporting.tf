resource "aws_iam_role" "reporting" {
  name = "payments-reporting"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# The reports bucket's key carries alias/reporting.
resource "aws_iam_role_policy" "reporting_kms" {
  name = "kms"
  role = aws_iam_role.reporting.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "DecryptReports"
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = "arn:aws:kms:${var.region}:${var.account_id}:key/*"
      Condition = {
        "ForAllValues:StringEquals" = { "kms:ResourceAliases" = ["alias/reporting"] }
      }
    }]
  })
}
