# An identity policy on a key whose policy the scan can only partly read.
variable "flag" { type = bool }
data "aws_caller_identity" "me" {}
data "aws_partition" "current" {}
resource "aws_kms_key" "aft" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([{
      Sid       = "Enable IAM User Permissions"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }], var.flag ? [{ Sid = "X", Effect = "Allow", Principal = { Service = "logs.amazonaws.com" }, Action = "kms:Decrypt", Resource = "*" }] : [])
  })
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.r.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = aws_kms_key.aft.arn }]
  })
}
