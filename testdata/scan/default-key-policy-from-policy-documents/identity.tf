# The same statement where IAM policies can see it is still reported.

# An IAM policy: `kms:*` on `*` allows managing alias/app.
data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "KmsAdmin"
    actions   = ["kms:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "kms-admin"
  policy = data.aws_iam_policy_document.admin.json
}

# One document as a key policy and as an IAM role's policy: in effect in
# the IAM policy, so reported.
data "aws_iam_policy_document" "shared" {
  statement {
    sid       = "Shared"
    actions   = ["kms:*"]
    resources = ["*"]
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

# Used where the scan cannot follow it (another configuration may read the
# output): still checked as if it could be an IAM policy.
data "aws_iam_policy_document" "exported" {
  statement {
    sid       = "Exported"
    actions   = ["kms:*"]
    resources = ["*"]
  }
}

output "exported_policy" {
  value = data.aws_iam_policy_document.exported.json
}
