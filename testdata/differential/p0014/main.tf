data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp1_none = null
}

data "aws_iam_policy_document" "fe2" {
  for_each = {
    "a2" = "arn:aws:iam::111122223333:role/a2"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
    "beta" = "arn:aws:iam::111122223333:role/beta"
  }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:DescribeKey", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "fe3" {
  for_each = {
    "a2" = "arn:aws:iam::111122223333:role/a2"
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
  }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }
}

locals {
  cn4_on = true
}

data "aws_iam_policy_document" "cn4" {
  count = local.cn4_on ? 2 : 0

  statement {
    sid       = "P4N${count.index}"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(concat(local.sp1_none[*], [data.aws_iam_policy_document.sp1.json]), [for k, d in data.aws_iam_policy_document.fe2 : k == "beta" ? d.json : ""], [try(data.aws_iam_policy_document.fe3["missing"].json, data.aws_iam_policy_document.fe3["alpha"].json)], data.aws_iam_policy_document.cn4[*].minified_json)
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
