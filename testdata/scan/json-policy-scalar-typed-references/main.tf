# IAM takes one string where a list of strings goes: a typed reference
# written as a scalar is checked like the one-element list.
resource "aws_kms_key" "k" {}

resource "aws_kms_alias" "a" {
  name          = "alias/app"
  target_key_id = aws_kms_key.k.key_id
}

data "aws_kms_alias" "x" {
  name = "alias/shared"
}

variable "key_arns" {
  type = list(string)
}

resource "aws_iam_policy" "scalars" {
  name = "scalars"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_alias.a.arn
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "${aws_kms_alias.a.arn}"
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = data.aws_kms_alias.x.arn
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.k.key_id
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "*"
        Condition = {
          "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = aws_kms_alias.a.arn }
        }
      },
    ]
  })
}

# Negatives: a key ARN and the alias name are right as scalars too; a list
# of unknown length stays one unknown, reported once.
resource "aws_iam_policy" "right" {
  name = "right"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.k.arn
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "*"
        Condition = {
          "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = aws_kms_alias.a.name }
        }
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = var.key_arns
      },
    ]
  })
}

# The same scalar in heredoc JSON.
resource "aws_iam_policy" "heredoc" {
  name   = "heredoc"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": {
        "Effect": "Allow",
        "Action": "kms:Encrypt",
        "Resource": "${aws_kms_alias.a.arn}"
      }
    }
  EOT
}
