# Access granted by alias: whoever can create or repoint a matching alias
# decides which keys these principals may use.

data "aws_iam_policy_document" "app" {
  statement {
    sid       = "AppKeysByAlias"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-*"]
    }
  }
}

resource "aws_iam_role_policy" "billing" {
  role = "billing"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "BillingKeyByAlias"
      Effect    = "Allow"
      Action    = "kms:Decrypt"
      Resource  = "arn:aws:kms:us-east-1:111122223333:key/*"
      Condition = { StringEquals = { "kms:RequestAlias" = "alias/billing" } }
    }]
  })
}

data "aws_iam_policy_document" "not_trusting" {
  # A negated condition grants nothing by alias.
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringNotEquals"
      variable = "kms:RequestAlias"
      values   = ["alias/team-audit"]
    }
  }

  # A Deny's alias condition grants nothing either.
  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "ForAllValues:StringNotLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/team-*"]
    }
  }
}
