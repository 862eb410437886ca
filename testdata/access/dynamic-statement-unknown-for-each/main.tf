# Reproduces amboss-mededu/terraform-aws-kms@100c70a main.tf:15-40: a
# statement that exists only when the target account is not the caller's.
variable "target_account_id" {
  type    = string
  default = "444455556666"
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "key" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
    actions   = ["kms:*"]
    resources = ["*"]
  }
  # Exists only when the target account is not the caller's: unknown at plan.
  dynamic "statement" {
    for_each = var.target_account_id == data.aws_caller_identity.current.account_id ? [] : [0]
    content {
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::${var.target_account_id}:root"]
      }
      actions   = ["kms:Decrypt", "kms:CreateGrant"]
      resources = ["*"]
    }
  }
}

resource "aws_kms_key" "key" {
  policy = data.aws_iam_policy_document.key.json
}

# An identity statement that may exist, on a key with the default policy:
# the default policy delegates whether or not the statement exists.
resource "aws_kms_key" "default_policy" {}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

data "aws_iam_policy_document" "use" {
  dynamic "statement" {
    for_each = var.target_account_id == data.aws_caller_identity.current.account_id ? [] : [0]
    content {
      actions   = ["kms:Decrypt"]
      resources = [aws_kms_key.default_policy.arn]
    }
  }
}

resource "aws_iam_role_policy" "use" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.use.json
}
