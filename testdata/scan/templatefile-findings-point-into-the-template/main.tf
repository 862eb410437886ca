# Policies kept as templates and rendered with templatefile(): a template is
# the user's own source, so a finding on its text points at the characters
# to change in the template, and the same template text rendered by several
# calls is one finding that names each call.

variable "region" {
  type    = string
  default = "eu-west-1"
}

resource "aws_kms_key" "app" {}

# Two roles render the same template: its alias ARN in Resource grants
# nothing to either, and is reported once, at the template line.
resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = "reader"
  policy = templatefile("${path.module}/templates/use-key.json.tpl", {
    key_arn = aws_kms_key.app.arn
    region  = var.region
  })
}

resource "aws_iam_role_policy" "writer" {
  name = "writer"
  role = "writer"
  policy = templatefile("${path.module}/templates/use-key.json.tpl", {
    key_arn = aws_kms_key.app.arn
    region  = var.region
  })
}

# The alias name comes from the call, the rest of the ARN from the template:
# the finding is at the JSON string in the template.
resource "aws_iam_role_policy" "by_alias" {
  name = "by-alias"
  role = "by-alias"
  policy = templatefile("${path.module}/templates/by-alias.json.tpl", {
    alias = "orders"
  })
}

# Negatives: alias management on alias ARNs, and an exact alias condition,
# both written in a template.
resource "aws_iam_role_policy" "admin" {
  name   = "admin"
  role   = "admin"
  policy = templatefile("${path.module}/templates/fine.json.tpl", { account = "111122223333" })
}
