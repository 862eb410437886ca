# Alias conditions whose values are a reference the scan cannot know: a
# proposed condition keeps the reference, never an empty list.

variable "allowed_aliases" {
  type = list(string)
}

data "aws_iam_policy_document" "block" {
  statement {
    sid       = "DenyUnlessAliased"
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringNotLike"
      variable = "kms:ResourceAliases"
      values   = var.allowed_aliases
    }
  }

  statement {
    sid       = "AllowByAlias"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:ResourceAliases"
      values   = var.allowed_aliases
    }
  }
}

data "aws_iam_policy_document" "bypass" {
  statement {
    sid       = "DenyByRequestAlias"
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = var.allowed_aliases
    }
  }
}

resource "aws_iam_policy" "object" {
  name = "object"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = "kms:Decrypt"
      Resource = "arn:aws:kms:us-east-1:111122223333:key/*"
      Condition = {
        "ForAnyValue:StringNotEquals" = {
          "kms:ResourceAliases" = var.allowed_aliases
        }
      }
    }]
  })
}
