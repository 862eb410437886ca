# The module's own file: a key ARN, which is right. A unit's generate block
# writing locals.tf replaces it or not, as its if_exists says.
locals {
  key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
}
