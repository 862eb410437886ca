
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(1e3), ".", "d")}"
    actions   = coalescelist([], ["kms:ListAliases", "kms:Encrypt", "kms:CreateGrant", "kms:ReEncrypt*"])
    resources = [join("/", split(":", "arn:aws:kms"))]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }

  statement {
    sid       = "P2F${replace(tostring(parseint("ff", 16)), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["gamma"])
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
