locals {
  fe1_base = { for k in ["a2", "Zeta", "a10", "gamma", "alpha"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe1" {
  for_each = { for k, v in local.fe1_base : k => v if k != "alpha" }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey"]
    resources = [each.value]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for d in data.aws_iam_policy_document.fe1 : d.minified_json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
