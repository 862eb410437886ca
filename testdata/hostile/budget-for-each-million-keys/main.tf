data "aws_iam_policy_document" "d" {
  for_each = toset([for p in setproduct(range(1000), range(1000)) : "${p[0]}-${p[1]}"])
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/${each.key}"]
  }
}
