# kms:CreateAlias and friends are authorized against the alias (and the
# key): an alias ARN is right here.
data "aws_iam_policy_document" "alias_admin" {
  statement {
    actions = ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"]
    resources = [
      "arn:aws:kms:us-east-1:111122223333:alias/team-*",
      "arn:aws:kms:us-east-1:111122223333:key/*",
    ]
  }
  statement {
    actions   = ["kms:ListAliases"]
    resources = ["*"]
  }
}
