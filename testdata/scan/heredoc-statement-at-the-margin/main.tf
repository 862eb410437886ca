# The statement starts where `<<-` strips the margin: the copy a split
# adds takes the margin once, as the statement beside it does.
resource "aws_iam_policy" "at_margin" {
  name   = "at-margin"
  policy = <<-EOT
    {"Statement": [
    {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": ["arn:aws:kms:us-east-1:111122223333:alias/app", "arn:aws:s3:::bucket"]}
    ]}
    EOT
}
