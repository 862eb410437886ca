# own_accounts lists 222222222222 only. The key ARN and the grantee are both
# of 111111111111: a grant inside the key's own account, not cross-account.
resource "aws_kms_grant" "same_account" {
  name              = "same-account"
  key_id            = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  grantee_principal = "arn:aws:iam::111111111111:role/reader"
  operations        = ["Decrypt"]
}

# The grantee is of another account than the key's.
resource "aws_kms_grant" "other_account" {
  name              = "other-account"
  key_id            = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  grantee_principal = "arn:aws:iam::444444444444:role/reader"
  operations        = ["Decrypt"]
}
