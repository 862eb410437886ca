# Reproduces gravitational/teleport-cluster-terraform@e2e1bef: grants on a
# key named only by a variable's key ARN. The key is neither declared nor
# read by a data source, but the grants give access no policy shows.
variable "ami_kms_key_arn" {
  type    = string
  default = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# Known only after apply: the key it names cannot be told.
variable "other_key_arn" {
  type = string
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Encrypt"]
      Resource = [var.ami_kms_key_arn]
    }]
  })
}

resource "aws_kms_grant" "app" {
  name              = "app"
  key_id            = var.ami_kms_key_arn
  grantee_principal = aws_iam_role.app.arn
  operations        = ["Decrypt", "CreateGrant"]
}

resource "aws_kms_grant" "again" {
  name              = "again"
  key_id            = var.ami_kms_key_arn
  grantee_principal = aws_iam_role.app.arn
  operations        = ["GenerateDataKey"]
}

resource "aws_kms_grant" "other" {
  name              = "other"
  key_id            = var.other_key_arn
  grantee_principal = aws_iam_role.app.arn
  operations        = ["Decrypt"]
}
