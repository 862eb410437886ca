# No own_accounts and no provider saying where this deploys: only a key
# ARN written out says which account the key is in.

# The key's account is 111111111111, the grantee's 444444444444.
resource "aws_kms_grant" "other_account" {
  name              = "other-account"
  key_id            = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  grantee_principal = "arn:aws:iam::444444444444:role/reader"
  operations        = ["Decrypt"]
}

# The same account on both sides.
resource "aws_kms_grant" "same_account" {
  name              = "same-account"
  key_id            = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  grantee_principal = "arn:aws:iam::111111111111:role/reader"
  operations        = ["Decrypt"]
}

resource "aws_kms_key" "data" {}

# A key of this configuration: its account is not written anywhere.
resource "aws_kms_grant" "key_by_reference" {
  name              = "key-by-reference"
  key_id            = aws_kms_key.data.key_id
  grantee_principal = "arn:aws:iam::444444444444:role/reader"
  operations        = ["Decrypt"]
}

# A key ID says no account.
resource "aws_kms_grant" "key_by_id" {
  name              = "key-by-id"
  key_id            = "1234abcd-12ab-34cd-56ef-1234567890ab"
  grantee_principal = "arn:aws:iam::444444444444:role/reader"
  operations        = ["Decrypt"]
}

data "aws_caller_identity" "current" {}

# The grantee is in the account this is applied in, which may or may not
# be the key's.
resource "aws_kms_grant" "applying_account" {
  name              = "applying-account"
  key_id            = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  grantee_principal = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/reader"
  operations        = ["Decrypt"]
}
