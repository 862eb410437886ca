# Resources IAM cannot read as an ARN at all: placeholders left in, an
# empty string, a name. Patterns and unknown values are not judged.

variable "suffix" {
  type = string
}

variable "key_arn" {
  type = string
}

data "aws_iam_policy_document" "placeholders" {
  statement {
    sid       = "Placeholders"
    actions   = ["kms:Decrypt"]
    resources = ["<arn>", "TODO", ""]
  }

  # The known start already rules out an ARN.
  statement {
    sid       = "PlaceholderWithUnknownTail"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["key-${var.suffix}"]
  }

  statement {
    sid       = "DenyOnAName"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["prod-key"]
  }

  statement {
    sid       = "AliasActionsOnAPlaceholder"
    actions   = ["kms:CreateAlias"]
    resources = ["REPLACE_ME"]
  }
}

resource "aws_iam_policy" "json" {
  name = "json"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = "<arn>"
    }]
  })
}

data "aws_iam_policy_document" "fine" {
  statement {
    actions = ["kms:Decrypt"]
    resources = [
      "*",
      "arn:aws:kms:*:111122223333:key/*",
      "Arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "*:key/*",
      "???:aws:kms:us-east-1:111122223333:key/*",
      var.key_arn,
      "${var.suffix}-key",
      "a${var.suffix}",
    ]
  }

  # Not a KMS statement: its resources are another service's business.
  statement {
    actions   = ["s3:GetObject"]
    resources = ["TODO"]
  }
}
