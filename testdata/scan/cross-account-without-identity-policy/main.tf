# Keys in account 111122223333 (the default provider) opened to accounts
# whose roles and users this configuration also creates.
provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

provider "aws" {
  alias = "app"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/deploy"
  }
}

provider "aws" {
  alias               = "data"
  allowed_account_ids = ["777788889999"]
}

provider "aws" {
  alias               = "ops"
  allowed_account_ids = ["222233334444"]
}

locals {
  admins = {
    Sid       = "Admins"
    Effect    = "Allow"
    Principal = { AWS = "arn:aws:iam::111122223333:root" }
    Action    = "kms:*"
    Resource  = "*"
  }
}

# --- account 444455556666 ---------------------------------------------------

resource "aws_iam_role" "app_reader" {
  provider = aws.app
  name     = "app-reader"
}

resource "aws_iam_role" "app_writer" {
  provider = aws.app
  name     = "app-writer"
}

resource "aws_iam_role_policy" "app_reader" {
  provider = aws.app
  role     = aws_iam_role.app_reader.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.k2.arn },
      { Effect = "Allow", Action = "kms:DescribeKey", Resource = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    ]
  })
}

resource "aws_iam_role_policy" "app_writer" {
  provider = aws.app
  role     = aws_iam_role.app_writer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey"], Resource = aws_kms_alias.k2.arn },
      { Effect = "Allow", Action = "kms:GenerateDataKeyWithoutPlaintext", Resource = aws_kms_key.t2.arn },
      {
        Effect    = "Allow"
        Action    = "kms:ReEncryptFrom"
        Resource  = "arn:aws:kms:*:111122223333:key/*"
        Condition = { "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = "alias/t5-main" } }
      },
    ]
  })
}

module "app" {
  source    = "./modules/app"
  providers = { aws = aws.app }
}

# --- account 777788889999 ---------------------------------------------------

resource "aws_iam_user" "analyst" {
  provider = aws.data
  name     = "analyst"
}

resource "aws_iam_user_policy" "analyst" {
  provider = aws.data
  user     = aws_iam_user.analyst.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:*:777788889999:key/*" }]
  })
}

# --- account 222233334444 ---------------------------------------------------

resource "aws_iam_role" "ops" {
  provider = aws.ops
  name     = "ops"
}

resource "aws_iam_role_policy_attachment" "ops" {
  provider   = aws.ops
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

# --- reported ---------------------------------------------------------------

# The account's roles decrypt other keys only.
resource "aws_kms_key" "k1" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "AppAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

# The writer names the key by alias ARN, which IAM never dereferences.
resource "aws_kms_key" "k2" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "AppWriters"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kms:Encrypt", "kms:GenerateDataKey"]
      Resource  = "*"
    }]
  })
}

resource "aws_kms_alias" "k2" {
  name          = "alias/k2"
  target_key_id = aws_kms_key.k2.key_id
}

# The key policy names the reader role itself; its policy names another key.
resource "aws_kms_key" "k3" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Reader"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app_reader.arn }
      Action    = ["kms:Decrypt"]
      Resource  = "*"
    }]
  })
}

# The analyst may decrypt with its own account's keys only.
resource "aws_kms_key" "k4" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Analysts"
      Effect    = "Allow"
      Principal = { AWS = "777788889999" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

# The module's role (account 444455556666 through `providers`) may sign
# with any key and decrypt with its own account's keys only.
resource "aws_kms_key" "k5" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "AppDecrypt"
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::444455556666:root"] }
      Action    = ["kms:Decrypt", "kms:GenerateMac"]
      Resource  = "*"
    }]
  })
}

# --- not reported -----------------------------------------------------------

# An account the configuration declares nothing of.
resource "aws_kms_key" "t1" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Partner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999900001111:root" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

# The writer may use one of the two actions, by the key's ARN.
resource "aws_kms_key" "t2" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "AppKeys"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext"]
      Resource  = "*"
    }]
  })
}

# The reader names a literal key ARN of this account: maybe this key's.
resource "aws_kms_key" "t3" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Describe"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "kms:DescribeKey"
      Resource  = "*"
    }]
  })
}

# The ops role has an AWS managed policy, not in the configuration.
resource "aws_kms_key" "t4" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "Ops"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222233334444:root" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

# The writer selects the key by an alias condition its alias matches.
resource "aws_kms_key" "t5" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "ReEncrypt"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "kms:ReEncrypt*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_alias" "t5" {
  name          = "alias/t5-main"
  target_key_id = aws_kms_key.t5.key_id
}

# A key of account 444455556666 opened to its own account, and to
# 111122223333, where the configuration declares no role.
resource "aws_kms_key" "t6" {
  provider = aws.app
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Own"
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:root"] }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# A Deny naming the account opens nothing.
resource "aws_kms_key" "t7" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [local.admins, {
      Sid       = "NoApp"
      Effect    = "Deny"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}
