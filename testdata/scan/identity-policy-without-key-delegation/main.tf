# Identity policies naming a key whose key policy, in this configuration,
# neither names their principal nor enables IAM policies for the account
# (TFKMS015), and the look-alikes where the key policy does let them work.

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

data "aws_caller_identity" "current" {}

variable "key_users" {
  type = list(string)
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_iam_user" "ci" {
  name = "ci"
}

# --- Keys whose policy ignores IAM policies ---------------------------

# Only the admin role is named.
resource "aws_kms_key" "admins_only" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admins"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.admin.arn }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# 1. An inline role policy naming the key by reference.
resource "aws_iam_role_policy" "app_reads" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read"
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:DescribeKey"]
      Resource = aws_kms_key.admins_only.arn
    }]
  })
}

# 2. A managed policy attached to the role, naming the key by an ARN built
# from its key ID.
data "aws_iam_policy_document" "encrypt" {
  statement {
    sid       = "Encrypt"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${aws_kms_key.admins_only.key_id}"]
  }
}

resource "aws_iam_policy" "encrypt" {
  name   = "encrypt"
  policy = data.aws_iam_policy_document.encrypt.json
}

resource "aws_iam_role_policy_attachment" "app_encrypt" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.encrypt.arn
}

# A key whose policy is set by an `aws_kms_key_policy` naming a role by ARN.
resource "aws_kms_key" "separate_policy" {}

resource "aws_kms_key_policy" "separate" {
  key_id = aws_kms_key.separate_policy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AdminByArn"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/admin" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "Logs"
        Effect    = "Allow"
        Principal = { Service = "logs.us-east-1.amazonaws.com" }
        Action    = ["kms:Encrypt", "kms:Decrypt"]
        Resource  = "*"
      },
    ]
  })
}

# 3. A role's `inline_policy` block.
resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = "{}"
  inline_policy {
    name = "kms"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.separate_policy.arn
      }]
    })
  }
}

# 4. A user policy.
resource "aws_iam_user_policy" "ci" {
  user = aws_iam_user.ci.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Sign"]
      Resource = [aws_kms_key.separate_policy.arn]
    }]
  })
}

# A key shared with another account only: the root of 444455556666 enables
# IAM policies there, not here.
resource "aws_kms_key" "partner_only" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }]
  })
}

# 5. A role of this account cannot use it through its IAM policy.
resource "aws_iam_role_policy" "app_partner_key" {
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = aws_kms_key.partner_only.arn
    }]
  })
}

# --- Look-alikes that work, or that tfkms cannot decide ---------------

# The account root, under a `kms:CallerAccount` condition: IAM policies of
# the account are enabled.
resource "aws_kms_key" "caller_account" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAM"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
      Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } }
    }]
  })
}

# No policy: the default key policy enables IAM policies.
resource "aws_kms_key" "default_policy" {}

# Principals not known (a variable without a value): cannot tell.
resource "aws_kms_key" "unknown_principals" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.key_users }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# The account as a bare ID, with a Deny guard beside it.
resource "aws_kms_key" "bare_account" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "111122223333" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "NoDeletion"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "kms:ScheduleKeyDeletion"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "app_works" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "Works"
        Effect = "Allow"
        Action = "kms:Decrypt"
        Resource = [
          aws_kms_key.caller_account.arn,
          aws_kms_key.default_policy.arn,
          aws_kms_key.unknown_principals.arn,
          aws_kms_key.bare_account.arn,
        ]
      },
      # `key/*` reaches every key of the account, this one among them:
      # not a statement about the key.
      {
        Sid      = "AnyKey"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:us-east-1:111122223333:key/*"
      },
      # A Deny needs no delegation.
      {
        Sid      = "NoAdminsOnly"
        Effect   = "Deny"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.admins_only.arn
      },
    ]
  })
}

# The key policy names the role itself, by reference and by ARN.
resource "aws_kms_key" "names_the_role" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = [aws_iam_role.admin.arn, "arn:aws:iam::111122223333:role/app"] }
      Action    = ["kms:Decrypt", "kms:Encrypt"]
      Resource  = "*"
    }]
  })
}

resource "aws_iam_role_policy" "app_named" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = aws_kms_key.names_the_role.arn
    }]
  })
}

# A managed policy attached to no principal of this configuration: who it
# is for cannot be told.
resource "aws_iam_policy" "unattached" {
  name = "unattached"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = aws_kms_key.admins_only.arn
    }]
  })
}
