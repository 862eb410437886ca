# Key policies written as policy documents are key policies themselves:
# findings name them, and a suppression on their first line applies.

# tfkms:ignore TFKMS008 the partner administers this key with us
data "aws_iam_policy_document" "partner_admin" {
  statement {
    sid       = "PartnerAdmin"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

resource "aws_kms_key" "partner_admin" {
  description = "shared with the partner"
  policy      = data.aws_iam_policy_document.partner_admin.json
}

# Through a local: reported on the statement in the document.
data "aws_iam_policy_document" "partner_grants" {
  statement {
    sid       = "PartnerGrants"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

locals {
  partner_grants = data.aws_iam_policy_document.partner_grants.json
}

resource "aws_kms_key" "partner_grants" {
  description = "grants for the partner"
}

resource "aws_kms_key_policy" "partner_grants" {
  key_id = aws_kms_key.partner_grants.id
  policy = local.partner_grants
}

# Also an IAM role's policy, so not a key policy itself: reported through
# the key policy that uses it.
data "aws_iam_policy_document" "shared" {
  statement {
    sid       = "Shared"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

resource "aws_kms_key" "shared" {
  description = "shared"
  policy      = data.aws_iam_policy_document.shared.json
}

resource "aws_iam_role_policy" "shared" {
  role   = "ops"
  policy = data.aws_iam_policy_document.shared.json
}

# The account this configuration deploys to: every other is another's.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}
