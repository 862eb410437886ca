variable "policy_path" {
  type = string
}

# Terragrunt runs the module in a copy that holds the unit's files too, so
# this path names live/app/templates/access.json.
resource "aws_iam_policy" "access" {
  name   = "access"
  policy = file("${path.module}/${var.policy_path}")
}
