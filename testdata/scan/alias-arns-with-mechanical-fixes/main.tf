# Statements `tfkms scan --fix` rewrites (and one it must not).
data "aws_iam_policy_document" "a" {
  statement {
    # decrypt by alias
    actions = ["kms:Decrypt"] # trailing comments stay
    resources = [
      "arn:aws:kms:us-east-1:111122223333:alias/app", # first
      "arn:aws:kms:us-east-1:111122223333:alias/web",
    ]
  }

  # A Deny by alias condition would be skipped by keys whose alias goes
  # away (TFKMS004): help only.
  statement {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:*:111122223333:alias/prod-*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # kms:* includes CreateAlias, rightly granted on the alias ARN: no fix.
  statement {
    actions   = ["kms:*"]
    resources = ["arn:aws:kms:*:111122223333:alias/all"]
  }
}

variable "alias_arn" {
  default = "arn:aws:kms:us-east-1:111122223333:alias/from-variable"
}

# The value comes from a variable default another statement may share: no fix.
data "aws_iam_policy_document" "b" {
  statement {
	actions   = ["kms:Encrypt"]
	resources = [var.alias_arn]
  }
}

# Tab indentation is kept. Beside a key ARN, the alias ARN grants nothing
# more (a note, no fix); beside a key ARN not known, it moves to a copy.
variable "other_key_arn" {
  type = string
}

data "aws_iam_policy_document" "c" {
	statement {
		sid       = "Tabs"
		actions   = ["kms:Encrypt"]
		resources = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:us-east-1:111122223333:alias/tabs"]
	}
	statement {
		sid       = "TabsSplit"
		actions   = ["kms:Encrypt"]
		resources = [var.other_key_arn, "arn:aws:kms:us-east-1:111122223333:alias/tabs"]
	}
}
