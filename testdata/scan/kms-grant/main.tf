# Grants: access that neither the key policy nor IAM policies show.

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "data" {
  description = "data"
}

resource "aws_iam_role" "etl" {
  name               = "etl"
  assume_role_policy = "{}"
}

# A role of this configuration, constrained to an encryption context.
resource "aws_kms_grant" "etl" {
  name              = "etl"
  key_id            = aws_kms_key.data.key_id
  grantee_principal = aws_iam_role.etl.arn
  operations        = ["Decrypt", "GenerateDataKey"]
  constraints {
    encryption_context_equals = {
      Department = "Finance"
    }
  }
}

# Another account's role: cross-account, a warning.
resource "aws_kms_grant" "partner" {
  name              = "partner"
  key_id            = aws_kms_key.data.arn
  grantee_principal = "arn:aws:iam::444455556666:role/reports"
  operations        = ["Decrypt"]
}

# The own account, by aws_caller_identity.
resource "aws_kms_grant" "backup" {
  name              = "backup"
  key_id            = aws_kms_key.data.key_id
  grantee_principal = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/backup"
  retiring_principal = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/ops"
  operations        = ["Encrypt", "GenerateDataKeyWithoutPlaintext"]
}

# One grant per service, from for_each.
resource "aws_kms_grant" "services" {
  for_each          = { ingest = "Encrypt", export = "Decrypt" }
  name              = each.key
  key_id            = aws_kms_key.data.key_id
  grantee_principal = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/${each.key}"
  operations        = [each.value]
}

# Not created: count is 0.
variable "legacy_grant" {
  type    = bool
  default = false
}

resource "aws_kms_grant" "legacy" {
  count             = var.legacy_grant ? 1 : 0
  name              = "legacy"
  key_id            = aws_kms_key.data.key_id
  grantee_principal = "arn:aws:iam::444455556666:root"
  operations        = ["Decrypt"]
}

module "reader" {
  source = "./modules/reader"
  key_id = aws_kms_key.data.key_id
}

# Not grants: an alias, and a key policy giving usage only.
resource "aws_kms_alias" "data" {
  name          = "alias/data"
  target_key_id = aws_kms_key.data.key_id
}

resource "aws_kms_key_policy" "data" {
  key_id = aws_kms_key.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# No instances: an empty for_each, a module call with count = 0.
resource "aws_kms_grant" "none" {
  for_each          = {}
  name              = each.key
  key_id            = aws_kms_key.data.key_id
  grantee_principal = each.value
  operations        = ["Decrypt"]
}

module "reader_disabled" {
  count  = 0
  source = "./modules/reader"
  key_id = aws_kms_key.data.key_id
}

# An S3 ACL grant is not a KMS grant.
resource "aws_s3_bucket_acl" "logs" {
  bucket = "logs"
  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "READ"
    }
    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}

# Where this configuration deploys: an account not listed is another's.
provider "aws" {
  allowed_account_ids = ["111122223333"]
}
