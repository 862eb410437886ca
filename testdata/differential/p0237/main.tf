locals {
  missing_obj = { present = true }
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(2e-3), ".", "d")}"
    actions   = [element(["kms:GenerateDataKey*", "kms:ListAliases"], 7)]
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }

  statement {
    sid       = "P2F${replace(tostring(floor(7.9)), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = [try(local.missing_obj.nope, "arn:aws:kms:us-east-1:111122223333:key/fallback")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
