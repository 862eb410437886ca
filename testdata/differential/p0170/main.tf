
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(floor(7.9)), ".", "d")}"
    actions   = [for a in ["kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:ListAliases"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = [join("/", split(":", "arn:aws:kms"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
