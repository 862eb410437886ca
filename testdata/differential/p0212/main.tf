data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = data.aws_iam_policy_document.sp1[*].json

  statement {
    sid       = "P2F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = slice(["kms:ListAliases", "kms:GenerateDataKey"], 0, 2)
    resources = [join("/", split(":", "arn:aws:kms"))]
  }

  statement {
    sid       = "P3F${replace(tostring(parseint("ff", 16)), ".", "d")}"
    actions   = [for k in keys({ "kms:Encrypt" = 1, "kms:Decrypt" = 2 }) : k]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
