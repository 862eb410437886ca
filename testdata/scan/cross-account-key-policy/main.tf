# Key policies that let another account create grants on the key.
# own_accounts is configured (.tfkms.toml); aws_caller_identity's account is
# the own account too.

data "aws_caller_identity" "current" {}

locals {
  own_root = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
}

# kms:* for another account's root, in heredoc JSON.
resource "aws_kms_key" "shared" {
  description = "shared"
  policy      = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "EnableIAMUserPermissions",
          "Effect": "Allow",
          "Principal": {"AWS": "${local.own_root}"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Sid": "PartnerFullAccess",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
          "Action": "kms:*",
          "Resource": "*"
        }
      ]
    }
  JSON
}

data "aws_iam_policy_document" "reports_key" {
  statement {
    sid = "EnableIAMUserPermissions"
    principals {
      type        = "AWS"
      identifiers = [local.own_root]
    }
    actions   = ["kms:*"]
    resources = ["*"]
  }

  # Management by a role of another account, and a bare account ID.
  statement {
    sid = "PartnerAdmin"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:role/key-admin", "777788889999"]
    }
    actions   = ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"]
    resources = ["*"]
  }

  # Grants without kms:GrantIsForAWSResource.
  statement {
    sid = "PartnerGrants"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
  }

  # The condition says false: grants for anything.
  statement {
    sid = "PartnerGrantsNotForAWS"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::555566667777:root"]
    }
    actions   = ["kms:CreateGrant", "kms:ListGrants"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["false"]
    }
  }

  # The seed's usage statement and grants for AWS services: fine.
  statement {
    sid = "PartnerUse"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]
  }

  statement {
    sid = "AllowAttachmentOfPersistentResources"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }

  # A Deny takes nothing away from the owner.
  statement {
    sid    = "DenyPartnerDeletion"
    effect = "Deny"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    actions   = ["kms:*"]
    resources = ["*"]
  }

  # Services are not accounts.
  statement {
    sid = "CloudWatchLogs"
    principals {
      type        = "Service"
      identifiers = ["logs.us-east-1.amazonaws.com"]
    }
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
  }
}

resource "aws_kms_key" "reports" {
  description = "reports"
}

resource "aws_kms_key_policy" "reports" {
  key_id = aws_kms_key.reports.id
  policy = data.aws_iam_policy_document.reports_key.json
}

# NotAction in a replica key's policy: everything but key deletion.
resource "aws_kms_replica_key" "replica" {
  primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Allow"
      Principal   = { AWS = ["arn:aws:iam::444455556666:role/replicator"] }
      NotAction   = ["kms:ScheduleKeyDeletion"]
      Resource    = "*"
    }]
  })
}

# Not a key policy: an IAM policy of the other account's role may say
# anything about keys.
resource "aws_iam_policy" "partner_side" {
  name = "partner-side"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:*"
      Resource = "arn:aws:kms:us-east-1:444455556666:key/*"
    }]
  })
}
