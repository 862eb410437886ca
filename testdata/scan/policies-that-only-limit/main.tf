# Policies that only limit what others grant: a permissions boundary, an
# SCP and an RCP. Their Allow statements allow no one anything, so they are
# not alias management (TFKMS007) nor access through an alias pattern
# (TFKMS002); a Deny in them that relies on an alias is still bypassable.

# Access through an alias condition, in an IAM policy that grants.
resource "aws_iam_role_policy" "app" {
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = "arn:aws:kms:eu-west-1:111122223333:key/*"
      Condition = {
        "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = "alias/app-prod" }
      }
    }]
  })
}

# The boundary: everything but IAM, on every resource. Not alias
# management: a boundary grants nothing.
data "aws_iam_policy_document" "boundary" {
  statement {
    sid         = "EverythingButIam"
    not_actions = ["iam:*"]
    resources   = ["*"]
  }

  statement {
    sid       = "KeysByAlias"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-*"]
    }
  }

  # Still a Deny that an alias ARN cannot make: protects nothing.
  statement {
    sid       = "NoProdKeyDeletion"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:alias/app-prod"]
  }
}

resource "aws_iam_policy" "boundary" {
  name   = "boundary"
  policy = data.aws_iam_policy_document.boundary.json
}

resource "aws_iam_role" "app" {
  name                 = "app"
  assume_role_policy   = "{}"
  permissions_boundary = aws_iam_policy.boundary.arn
}

# The same boundary ARN, through a module variable, for a user.
module "role" {
  source   = "./modules/role"
  boundary = aws_iam_policy.boundary.arn
}

# Attached as well as used as a boundary: it grants, and is reported.
resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_user" "ops" {
  name                 = "ops"
  permissions_boundary = aws_iam_policy.ops.arn
}

resource "aws_iam_user_policy_attachment" "ops" {
  user       = aws_iam_user.ops.name
  policy_arn = aws_iam_policy.ops.arn
}

# A service control policy (no type: an SCP): NotAction Allow grants
# nothing; its Deny on kms:RequestAlias is skipped by naming the key.
resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        NotAction = "organizations:*"
        Resource  = "*"
      },
      {
        Effect   = "Deny"
        Action   = "kms:Decrypt"
        Resource = "*"
        Condition = {
          StringEquals = { "kms:RequestAlias" = "alias/app-prod" }
        }
      }
    ]
  })
}

# A resource control policy.
resource "aws_organizations_policy" "rcp" {
  name = "rcp"
  type = "RESOURCE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "*"
      Resource  = "*"
    }]
  })
}

# A tag policy is no IAM policy: not read.
resource "aws_organizations_policy" "tags" {
  name    = "tags"
  type    = "TAG_POLICY"
  content = jsonencode({ tags = { team = { tag_key = { "@@assign" = "Team" } } } })
}
