variable "key_id" {
  type = string
}

resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = "{}"
}

resource "aws_kms_grant" "reader" {
  name              = "reader"
  key_id            = var.key_id
  grantee_principal = aws_iam_role.reader.arn
  operations        = ["Decrypt", "DescribeKey"]
}
