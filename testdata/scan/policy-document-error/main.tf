# Documents the AWS provider rejects, with its messages; each was checked
# with terraform 1.11 and the AWS provider 5.100.

variable "effect" {
  type    = string
  default = "DENY"
}

data "aws_iam_policy_document" "lowercase_effect" {
  statement {
    effect    = "allow"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "effect_from_variable" {
  version = "2012-10-18"
  statement {
    sid       = "First"
    actions   = ["kms:Encrypt"]
    resources = ["*"]
  }
  statement {
    effect    = var.effect
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "duplicate_sids" {
  statement {
    sid       = "KeyAccess"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
  statement {
    sid       = "KeyAccess"
    actions   = ["kms:Encrypt"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Shared"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

# The same sid in two source documents; the empty element still counts in
# the provider's "source document N".
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [
    "",
    data.aws_iam_policy_document.base.json,
    jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Sid = "Shared", Effect = "Allow", Action = "kms:Encrypt", Resource = "*" }]
    }),
  ]
}

# Not errors: an own statement replacing a source statement, repeated sids
# among overrides, repeated empty sids, the 2008 version, sids a dynamic
# block makes unique.
data "aws_iam_policy_document" "fine" {
  version                 = "2008-10-17"
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [
    jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Sid = "Override", Effect = "Deny", Action = "kms:Decrypt", Resource = "*" },
        { Sid = "Override", Effect = "Deny", Action = "kms:Encrypt", Resource = "*" },
      ]
    }),
  ]
  statement {
    sid       = "Shared"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["*"]
  }
  statement {
    sid       = ""
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
  }
  statement {
    sid       = ""
    actions   = ["kms:GetPublicKey"]
    resources = ["*"]
  }
  # A sid unique per generated statement.
  dynamic "statement" {
    for_each = ["alias/orders", "alias/payments"]
    content {
      sid       = "ByAlias${statement.key}"
      actions   = ["kms:Decrypt"]
      resources = ["*"]
      condition {
        test     = "ForAnyValue:StringEquals"
        variable = "kms:ResourceAliases"
        values   = [statement.value]
      }
    }
  }
}

# A policy argument that is not JSON.
resource "aws_iam_policy" "broken" {
  name   = "broken"
  policy = "{\"Version\": \"2012-10-17\", \"Statement\": ["
}
