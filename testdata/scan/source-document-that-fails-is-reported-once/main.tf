# A source document that cannot be evaluated is one TFKMS011 where it
# fails, never a second one about the JSON it did not produce; the rest of
# the document is still checked (the alias ARNs).
data "aws_iam_policy_document" "from_missing_file" {
  source_policy_documents = [file("${path.module}/missing.json")]

  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}

# Each instance sources the others: Terraform rejects the self-reference.
data "aws_iam_policy_document" "per_key" {
  for_each = toset(["a", "b"])

  source_policy_documents = [for k, d in data.aws_iam_policy_document.per_key : d.json if k != each.key]

  statement {
    sid       = "Use${each.key}"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}
