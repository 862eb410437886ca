# The role may call kms:CreateGrant on the key unconditionally, but its
# statement `Any` allows actions that are not known (`var.actions`) on
# every resource: they may include kms:PutKeyPolicy, and with the key's
# policy delegating to IAM (kms-key-policies.html, "Allows access to the
# AWS account and enables IAM policies") the role may then change the key
# policy, so TFKMS018 is held back with the note naming that statement.
provider "aws" {
  allowed_account_ids = ["111122223333"]
}
variable "actions" { type = list(string) }
data "aws_caller_identity" "current" {}
resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid = "Root", Effect = "Allow",
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" },
      Action = "kms:*", Resource = "*"
    }]
  })
}
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Grant", Effect = "Allow", Action = "kms:CreateGrant", Resource = aws_kms_key.k.arn },
      { Sid = "Any", Effect = "Allow", Action = var.actions, Resource = "*" }
    ]
  })
}
