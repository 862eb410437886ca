# Reproduces StratusGrid/terraform-aws-transfer-server-custom-idp-user@5d2d88d
# iam.tf: an inline role policy on a role named by a variable whose default
# is "". The role is not declared here.
variable "role_name" {
  type    = string
  default = ""
}

resource "aws_kms_key" "key" {}

resource "aws_iam_role_policy" "use" {
  name = "use"
  role = var.role_name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.key.arn }]
  })
}
