# One document per for_each instance; only the "red" one names its key by
# alias ARN.
variable "teams" {
  default = {
    red  = "arn:aws:kms:us-east-1:111122223333:alias/red"
    blue = "arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000002"
  }
}

data "aws_iam_policy_document" "team" {
  for_each = var.teams
  statement {
    sid       = "Use${title(each.key)}Key"
    actions   = ["kms:Decrypt"]
    resources = [each.value]
  }
}

data "aws_iam_policy_document" "numbered" {
  count = 2
  statement {
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:${count.index == 0 ? "key/*" : "alias/legacy-${count.index}"}"]
  }
}
