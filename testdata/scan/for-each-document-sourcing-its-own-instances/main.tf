# A for_each document sourcing its sibling instances: each instance needs
# the others first, so Terraform stops at plan time with one error for the
# block (`Cycle: data.aws_iam_policy_document.per_key["a"],
# data.aws_iam_policy_document.per_key["b"]`). tfkms reports it once, where
# the block refers to itself, not once per instance.
data "aws_iam_policy_document" "per_key" {
  for_each = toset(["a", "b"])

  source_policy_documents = [for k, d in data.aws_iam_policy_document.per_key : d.json if k != each.key]

  statement {
    sid       = "Use${each.key}"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

resource "aws_iam_policy" "p" {
  for_each = data.aws_iam_policy_document.per_key
  policy   = each.value.json
}
