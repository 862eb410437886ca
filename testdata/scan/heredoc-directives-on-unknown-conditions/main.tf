# Terraform renders one branch of a `%{ if }` whose condition tfkms cannot
# know: what holds for every rendering is checked, statements in some
# renderings say when they are there, and only real JSON errors count.
variable "flag" {
  type = bool
}

variable "prod" {
  type = bool
}

variable "statements" {
  type = string
}

resource "aws_iam_policy" "optional_statement" {
  name   = "optional-statement"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "kms:Decrypt",
          "Resource": "arn:aws:kms:us-east-1:111122223333:alias/always"
        }%{ if var.flag },
        {
          "Effect": "Allow",
          "Action": "kms:Encrypt",
          "Resource": "arn:aws:kms:us-east-1:111122223333:alias/sometimes"
        }%{ endif }
      ]
    }
  EOT
}

# Inside a string: an alias ARN only when var.prod, a key ARN otherwise.
resource "aws_iam_policy" "branch_in_a_string" {
  name   = "branch-in-a-string"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "kms:Decrypt",
          "Resource": "arn:aws:kms:us-east-1:111122223333:%{ if var.prod }alias/prod%{ else }key/1234abcd-12ab-34cd-56ef-1234567890ab%{ endif }"
        }
      ]
    }
  EOT
}

# Negative: both renderings are valid and name keys.
resource "aws_iam_policy" "both_right" {
  name   = "both-right"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": %{ if var.flag }["kms:Decrypt", "kms:Encrypt"]%{ else }"kms:Decrypt"%{ endif },
          "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      ]
    }
  EOT
}

# An unknown string where JSON syntax goes: unknown there, not invalid.
resource "aws_iam_policy" "unknown_statements" {
  name   = "unknown-statements"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": ${var.statements}
    }
  EOT
}

# A trailing comma when var.flag is false: Terraform would fail then.
resource "aws_iam_policy" "invalid_in_one_branch" {
  name   = "invalid-in-one-branch"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "kms:Decrypt",
          "Resource": "*"
        },
        %{ if var.flag }
        {
          "Effect": "Allow",
          "Action": "kms:Encrypt",
          "Resource": "*"
        }
        %{ endif }
      ]
    }
  EOT
}

# Conditions tested twice go the same way: `!var.flag` is var.flag false,
# so this renders in 4 ways, never with a dangling comma.
resource "aws_iam_policy" "one_condition_twice" {
  name   = "one-condition-twice"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            %{ if var.flag }"kms:Encrypt",%{ endif }%{ if var.prod }"kms:GenerateDataKey",%{ endif }
            "kms:Decrypt"%{ if !var.flag },"kms:ReEncryptFrom"%{ endif }
          ],
          "Resource": "arn:aws:kms:us-east-1:111122223333:alias/many"
        }
      ]
    }
  EOT
}

variable "env" {
  type = string
}

# Five conditions render 32 policies: more than are checked.
resource "aws_iam_policy" "too_many_renderings" {
  name   = "too-many-renderings"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "kms:Decrypt"%{ if var.env == "a" },"kms:Encrypt"%{ endif }%{ if var.env == "b" },"kms:GenerateDataKey"%{ endif }%{ if var.env == "c" },"kms:ReEncryptFrom"%{ endif }%{ if var.env == "d" },"kms:ReEncryptTo"%{ endif }%{ if var.env == "e" },"kms:DescribeKey"%{ endif }
          ],
          "Resource": "arn:aws:kms:us-east-1:111122223333:alias/many"
        }
      ]
    }
  EOT
}
