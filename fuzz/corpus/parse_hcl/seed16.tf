# One bad literal reaches three documents: one finding naming them all.
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "UseKey"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/base"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "ReadBucket"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket/*"]
  }
}

resource "aws_iam_policy" "p" {
  name   = "combined"
  policy = data.aws_iam_policy_document.combined.json
}
