# Key policies that let no principal call kms:PutKeyPolicy (TFKMS016), and
# the look-alikes that keep the key manageable or cannot be decided.

variable "bypass" {
  type = bool
}

variable "admins" {
  type = list(string)
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = "{}"
}

# 1. Use only.
resource "aws_kms_key" "use_only" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = ["kms:Encrypt", "kms:Decrypt"]
      Resource  = "*"
    }]
  })
}

# 2. Only a service may change the policy.
resource "aws_kms_key" "service_only" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# 3. The administrators' kms:PutKeyPolicy is denied to everyone.
resource "aws_kms_key" "denied" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.admin.arn }
        Action    = ["kms:PutKeyPolicy", "kms:DescribeKey"]
        Resource  = "*"
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "kms:PutKeyPolicy"
        Resource  = "*"
      },
    ]
  })
}

# 4. Set by an aws_kms_key_policy.
resource "aws_kms_key" "separate" {}

resource "aws_kms_key_policy" "separate" {
  key_id = aws_kms_key.separate.key_id
  policy = data.aws_iam_policy_document.decrypt_only.json
}

data "aws_iam_policy_document" "decrypt_only" {
  statement {
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.app.arn]
    }
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

# 5. A replica key.
resource "aws_kms_replica_key" "replica" {
  primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/reader" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

# --- Not reported ------------------------------------------------------

# The lockout is intended.
resource "aws_kms_key" "intended" {
  bypass_policy_lockout_safety_check = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

# Whether it is intended is not known.
resource "aws_kms_key" "maybe_intended" {
  bypass_policy_lockout_safety_check = var.bypass
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

# The default key policy.
resource "aws_kms_key" "default_policy" {}

# Administrators named with kms:Put*, under a condition.
resource "aws_kms_key" "admins" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = ["kms:Put*", "kms:Describe*"]
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# Principals not known.
resource "aws_kms_key" "unknown_admins" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.admins }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# The account root through NotAction (everything but deletion).
resource "aws_kms_key" "not_action" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      NotAction = "kms:ScheduleKeyDeletion"
      Resource  = "*"
    }]
  })
}
