# A suppression applies to the line it ends, to the next line with code
# when it stands alone, or to everything in the block whose first line
# follows it.
variable "pattern" {
  # tfkms:ignore TFKMS002 the platform team owns every alias/team-* alias
  default = "alias/team-*"
}

// tfkms:ignore alias-arn-in-resource kept until the migration, see PLAT-12
data "aws_iam_policy_document" "by_document" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/old"]
  }
}

data "aws_iam_policy_document" "by_statement" {
  # tfkms:ignore TFKMS001 until=2999-12-31 replaced when app v2 ships
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}

data "aws_iam_policy_document" "by_line" {
  statement {
    actions = ["kms:Decrypt"]
    resources = [
      # tfkms:ignore TFKMS001 shared key, migrated in Q3
      # (a suppression reaches past comment lines under it)
      "arn:aws:kms:us-east-1:111122223333:alias/shared",
      "arn:aws:kms:us-east-1:111122223333:alias/web", # tfkms:ignore TFKMS001 legacy web tier
    ]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = [var.pattern]
    }
  }
}
