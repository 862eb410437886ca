# The statement is reported through the data source and again through the
# policy argument rendered from its `.json`: one finding, and the statement
# it is in is labelled once.
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "UseAppKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}

resource "aws_iam_role_policy" "app" {
  name   = "app-key"
  role   = "app"
  policy = data.aws_iam_policy_document.app.json
}
