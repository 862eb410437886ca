# Nothing says which accounts are the team's: no own_accounts, no provider
# allowed_account_ids or assume_role. A literal account may be the key's
# own, so tfkms says once per key that it cannot tell, instead of a
# warning per statement.

# The key's own administrators, written with a literal account ID.
data "aws_iam_policy_document" "key" {
  statement {
    sid = "EnableIAMUserPermissions"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    actions   = ["kms:*"]
    resources = ["*"]
  }

  statement {
    sid = "KeyAdministrators"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/key-admin"]
    }
    actions   = ["kms:*"]
    resources = ["*"]
  }

  # Another account, perhaps: named in the same note.
  statement {
    sid = "Partner"
    principals {
      type        = "AWS"
      identifiers = ["444455556666"]
    }
    actions   = ["kms:Decrypt", "kms:CreateGrant"]
    resources = ["*"]
  }
}

resource "aws_kms_key" "app" {
  description = "app"
  policy      = data.aws_iam_policy_document.key.json
}

# Use only, and management that has no effect from another account: nothing
# to check whichever account it is.
resource "aws_kms_key" "reports" {
  description = "reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::555566667777:role/reader" }
      Action    = ["kms:Decrypt", "kms:DescribeKey", "kms:PutKeyPolicy"]
      Resource  = "*"
    }]
  })
}

# A grant to a literal account: a note, saying the account cannot be placed.
resource "aws_kms_grant" "reader" {
  name              = "reader"
  key_id            = aws_kms_key.reports.key_id
  grantee_principal = "arn:aws:iam::555566667777:role/reader"
  operations        = ["Decrypt"]
}
