# Keys and aliases made with for_each, then referenced as whole collections:
# every alias ARN is an alias ARN, every key ARN a key ARN, although none is
# known before apply.
resource "aws_kms_key" "k" {
  for_each    = toset(["orders", "billing"])
  description = "key for ${each.key}"
}

resource "aws_kms_alias" "a" {
  for_each      = aws_kms_key.k
  name          = "alias/${each.key}"
  target_key_id = each.value.key_id
}

data "aws_iam_policy_document" "by_alias" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [for a in aws_kms_alias.a : a.arn]
  }
}

data "aws_iam_policy_document" "by_key" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [for k in aws_kms_key.k : k.arn]
  }
}
