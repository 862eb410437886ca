
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(length("héllo")), ".", "d")}"
    actions   = [for a in ["kms:GenerateDataKey*", "kms:GenerateDataKey"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
