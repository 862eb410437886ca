locals {
  dy1 = {
    "a1" = { effect = "Deny", actions = ["kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
    "c" = { effect = "Allow", actions = ["kms:CreateGrant", "kms:GenerateDataKey", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
  }
}

locals {
  fe2_keys = ["gamma"]
}

data "aws_iam_policy_document" "fe2" {
  for_each = toset(local.fe2_keys)

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "fe4" {
  for_each = {
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
    "Zeta" = "arn:aws:iam::111122223333:role/Zeta"
    "delta" = "arn:aws:iam::111122223333:role/delta"
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
  }

  statement {
    sid       = "P4U${each.key}"
    actions   = ["kms:ReEncrypt*", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([lookup(data.aws_iam_policy_document.fe2, "gamma").json], [try(data.aws_iam_policy_document.fe4["missing"].json, data.aws_iam_policy_document.fe4["delta"].json)])

  dynamic "statement" {
    for_each = { for k, v in local.dy1 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P1${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
    }
  }

  statement {
    sid       = "P3F${replace(tostring(ceil(1.2)), ".", "d")}"
    actions   = tolist(setsubtract(["kms:ListAliases", "kms:ReEncrypt*"], ["kms:Decrypt"]))
    resources = [coalesce("", "arn:aws:kms:us-east-1:111122223333:key/first")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
