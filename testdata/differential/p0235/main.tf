locals {
  fe1_keys = ["b_x", "a10", "c"]
}

data "aws_iam_policy_document" "fe1" {
  for_each = toset(local.fe1_keys)

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:ReEncrypt*", "kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:CreateGrant", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp2_none = null
}

locals {
  je3_keys = zipmap(["delta", "alpha", "a1"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["delta", "alpha", "a1"]))
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = "kms:Encrypt", Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([try(data.aws_iam_policy_document.fe1["missing"].json, data.aws_iam_policy_document.fe1["a10"].json)], concat(local.sp2_none[*], [data.aws_iam_policy_document.sp2.json]), [local.je3])

  statement {
    sid       = "P4F${replace(tostring(length("héllo")), ".", "d")}"
    actions   = [for a in ["kms:GenerateDataKey", "kms:GenerateDataKey*"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
