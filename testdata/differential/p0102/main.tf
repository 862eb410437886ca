
data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = compact(["", "kms:Decrypt", ""])
    resources = [format("arn:aws:kms:us-east-1:%s:key/%s", "111122223333", upper("k1"))]
  }

  statement {
    sid       = "P2F${replace(tostring(0.1 + 0.2), ".", "d")}"
    actions   = [for a in ["kms:CreateGrant", "kms:ListAliases", "kms:ReEncrypt*", "kms:DescribeKey"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = [element(formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["beta", "alpha"]), 5)]
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
