# AWS's default key policy written as policy documents. Its `kms:*` for the
# account root is the key's half of the alias permissions; only IAM
# policies can allow the alias resource, so none of these is reported.
data "aws_caller_identity" "current" {}

# Used directly.
data "aws_iam_policy_document" "direct" {
  statement {
    sid       = "Enable IAM User Permissions"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "direct" {
  description = "direct"
  policy      = data.aws_iam_policy_document.direct.json
}

# Through a local, by an aws_kms_key_policy.
data "aws_iam_policy_document" "via_local" {
  statement {
    sid       = "Enable IAM User Permissions"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

locals {
  key_policy = data.aws_iam_policy_document.via_local.json
}

resource "aws_kms_key" "via_local" {
  description = "via local"
}

resource "aws_kms_key_policy" "via_local" {
  key_id = aws_kms_key.via_local.id
  policy = local.key_policy
}

# Through a module variable.
data "aws_iam_policy_document" "via_module" {
  statement {
    sid       = "Enable IAM User Permissions"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

module "key" {
  source = "./modules/key"
  policy = data.aws_iam_policy_document.via_module.json
}

# Through a source document of a document that is a key policy.
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Enable IAM User Permissions"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  statement {
    sid     = "AllowUse"
    actions = ["kms:Decrypt", "kms:Encrypt"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/app"]
    }
    resources = ["*"]
  }
}

resource "aws_kms_key" "combined" {
  description = "combined"
  policy      = data.aws_iam_policy_document.combined.json
}
