# The provider derives a policy document's `id` from its JSON: known when
# every argument is, and not known, for the argument's cause, when one is not
# (here only a Sid, which no rule reads).

variable "team" {
  type = string
}

data "aws_iam_policy_document" "per_team" {
  statement {
    sid       = var.team
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "known" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "uses_ids" {
  statement {
    actions = ["kms:Decrypt"]
    resources = [
      "arn:aws:kms:us-east-1:111122223333:key/${data.aws_iam_policy_document.known.id}",
      data.aws_iam_policy_document.per_team.id,
    ]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.uses_ids.json
}
