# Access granted by alias: whoever can create or repoint alias/app decides
# which key these principals may use.
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "AppKeyByAlias"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = ["alias/app"]
    }
  }
}

resource "aws_iam_role_policy" "app" {
  role   = "app"
  policy = data.aws_iam_policy_document.app.json
}
