
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(1.5 * 2), ".", "d")}"
    actions   = flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${tostring(1.5 * 2)}"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
