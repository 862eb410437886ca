# KMS resources IAM cannot match to a key, and arguments that take key IDs
# and alias names legitimately.

resource "aws_kms_key" "app" {
  description = "app"
}

resource "aws_kms_alias" "app" {
  name          = "alias/app"
  target_key_id = aws_kms_key.app.key_id
}

data "aws_iam_policy_document" "bad" {
  # The key's ID, not its ARN.
  statement {
    sid       = "KeyIdReference"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.app.id]
  }

  # An alias name, written and referenced.
  statement {
    sid       = "AliasNames"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey*"]
    resources = ["alias/app", aws_kms_alias.app.name]
  }

  # A bare key ID.
  statement {
    sid       = "BareKeyId"
    actions   = ["kms:*"]
    resources = ["1234abcd-12ab-34cd-56ef-1234567890ab"]
  }

  # `keys/` is no KMS resource type.
  statement {
    sid       = "MalformedArn"
    actions   = ["kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:keys/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }

  # NotResource with a key ID excludes nothing.
  statement {
    sid           = "DenyAllButThisKey"
    effect        = "Deny"
    actions       = ["kms:ScheduleKeyDeletion"]
    not_resources = [aws_kms_key.app.key_id]
  }
}

# Alias actions take the alias ARN, not the name.
resource "aws_iam_policy" "aliases" {
  name = "aliases"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:CreateAlias", "kms:DeleteAlias"]
      Resource = "alias/app"
    }]
  })
}

data "aws_iam_policy_document" "good" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.app.arn, "arn:aws:kms:us-east-1:111122223333:key/*"]
  }

  statement {
    actions   = ["kms:CreateAlias"]
    resources = [aws_kms_alias.app.arn, aws_kms_key.app.arn]
  }

  statement {
    actions   = ["kms:ListAliases", "kms:CreateKey"]
    resources = ["*"]
  }

  # Not a KMS statement: resources are another service's business.
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/alias/app"]
  }
}

# Arguments that are not policies take key IDs and alias names.
resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = "alias/app"
}

resource "aws_sns_topic" "events" {
  name              = "events"
  kms_master_key_id = aws_kms_alias.app.name
}

resource "aws_sqs_queue" "audit" {
  name              = "audit"
  kms_master_key_id = aws_kms_alias.app.arn
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = "reports"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/aws/s3"
    }
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "app"
  kms_key_id = aws_kms_key.app.arn
}

resource "aws_secretsmanager_secret" "db" {
  name       = "db"
  kms_key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
}
