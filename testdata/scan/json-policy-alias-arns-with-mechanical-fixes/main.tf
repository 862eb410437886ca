# JSON policies `tfkms scan --fix` rewrites, and some it must not.
variable "region" {
  default = "eu-west-1"
}

# `<<EOT` keeps its indentation; the Condition gains an operator.
resource "aws_iam_policy" "plain_heredoc" {
  name   = "plain"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:kms:us-east-1:111122223333:alias/plain",
      "Condition": {
        "Bool": {"aws:SecureTransport": "true"}
      }
    }
  ]
}
EOT
}

# `<<-EOT` strips the least indentation: new lines keep at least that much.
# The operator the fix needs is there already and takes the new key.
resource "aws_iam_role_policy" "indented_heredoc" {
  role = "app"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": ["kms:Encrypt", "kms:GenerateDataKey"],
        "Resource": [
          "arn:aws:kms:us-east-1:111122223333:alias/first",
          "arn:aws:kms:us-east-1:111122223333:alias/second"
        ],
        "Condition": {
          "ForAnyValue:StringEquals": {
            "kms:EncryptionContextKeys": ["app"]
          }
        }
      }]
    }
  EOT
}

# Other resources stay in the statement; the alias ARN moves to a copy,
# interpolation and all.
resource "aws_iam_policy" "split_heredoc" {
  name   = "split"
  policy = <<-EOT
    {
      "Statement": [
        {
          "Sid": "Mixed",
          "Effect": "Allow",
          "Action": "kms:Decrypt",
          "Resource": [
            "arn:aws:s3:::bucket/*",
            "arn:aws:kms:${var.region}:111122223333:alias/app"
          ]
        }
      ]
    }
  EOT
}

# The key ARN is not known here: what it names stays, the alias ARN moves.
variable "key_arn" {
  type = string
}

resource "aws_iam_policy" "split_object" {
  name = "split-object"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "Both"
        Effect = "Allow"
        Action = ["kms:Decrypt"]
        Resource = [
          var.key_arn,
          "arn:aws:kms:us-east-1:111122223333:alias/object", # the alias
        ]
        Condition = { StringEquals = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" } }
      },
    ]
  })
}

resource "aws_iam_policy" "quoted" {
  name   = "quoted"
  policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"arn:aws:kms:us-east-1:111122223333:alias/quoted\"}]}"
}

# Not fixable: a kms:ResourceAliases condition is there already (a second
# one would be ANDed with it).
resource "aws_iam_policy" "has_alias_condition" {
  name   = "refused"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "kms:Decrypt",
        "Resource": "arn:aws:kms:us-east-1:111122223333:alias/refused",
        "Condition": {"StringEquals": {"kms:ResourceAliases": "alias/refused"}}
      }]
    }
  EOT
}

# Not fixable: the alias ARN is dead weight beside the account's keys (a
# note), and a wildcard alias would make a condition TFKMS002 reports.
resource "aws_iam_policy" "not_rewritten" {
  name = "not-rewritten"
  policy = jsonencode({
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = ["arn:aws:kms:us-east-1:111122223333:key/*", "arn:aws:kms:us-east-1:111122223333:alias/dead"]
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:us-east-1:111122223333:alias/team-*"
      },
    ]
  })
}

# Not fixable: the policy is a local another resource may share.
locals {
  shared = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = "arn:aws:kms:us-east-1:111122223333:alias/shared"
    }]
  })
}

resource "aws_iam_policy" "from_local" {
  name   = "shared"
  policy = local.shared
}
