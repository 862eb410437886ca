# No own_accounts are configured; the providers say where this stack
# deploys: the account allowed_account_ids names (through a variable), and
# the account of the role the aliased provider assumes.

variable "account_id" {
  type = string
}

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = [var.account_id]
}

provider "aws" {
  alias  = "shared"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222233334444:role/terraform"
  }
}

data "aws_iam_policy_document" "key" {
  # The key's administrators, in the account the stack deploys to.
  statement {
    sid = "KeyAdministrators"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/key-admin"]
    }
    actions   = ["kms:*"]
    resources = ["*"]
  }

  # The shared-services account, which the stack also deploys to.
  statement {
    sid = "SharedServices"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::222233334444:root"]
    }
    actions   = ["kms:*"]
    resources = ["*"]
  }

  # Neither: a partner may hand the use of the key on.
  statement {
    sid = "Partner"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    actions   = ["kms:Decrypt", "kms:Create*"]
    resources = ["*"]
  }
}

resource "aws_kms_key" "app" {
  description = "app"
  policy      = data.aws_iam_policy_document.key.json
}
