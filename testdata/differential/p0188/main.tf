data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:GenerateDataKey", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

data "aws_iam_policy_document" "fe2" {
  for_each = {
    "beta" = "arn:aws:iam::111122223333:role/beta"
    "a1" = "arn:aws:iam::111122223333:role/a1"
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
    "c" = "arn:aws:iam::111122223333:role/c"
  }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:Decrypt", "kms:ReEncrypt*"]
    resources = [each.value]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(3600)]
    }
  }
}

module "m3" {
  count  = 3
  source = "./modules/m3"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([data.aws_iam_policy_document.sp1[*].json, [for k, d in data.aws_iam_policy_document.fe2 : k == "c" ? d.json : ""]])

  statement {
    sid       = "P3Roles"
    actions   = ["kms:ListAliases", "kms:ReEncrypt*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m3[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
