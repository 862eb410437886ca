locals {
  fe1_base = { for k in ["gamma", "a2", "b_x", "a10", "a1"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe1" {
  for_each = { for k, v in local.fe1_base : k => v if k != "a1" }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey*", "kms:ListAliases", "kms:Encrypt"]
    resources = [each.value]
  }
}

locals {
  cn2_names = ["a2"]
}

data "aws_iam_policy_document" "cn2" {
  count = length(local.cn2_names)

  statement {
    sid       = "P2N${count.index}"
    effect    = "Deny"
    actions   = ["kms:DescribeKey", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${local.cn2_names[count.index]}"]
  }
}

locals {
  je3_keys = merge({ "delta" = "arn:aws:kms:us-east-1:111122223333:key/a-delta", "alpha" = "arn:aws:kms:us-east-1:111122223333:key/a-alpha" }, { "alpha" = "arn:aws:kms:us-east-1:111122223333:key/b-alpha" })
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:Decrypt"], Resource = v }]
  })
}

locals {
  dy4 = {
    "delta" = { effect = "Deny", actions = ["kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "beta" = { effect = "Allow", actions = ["kms:ReEncrypt*", "kms:Encrypt", "kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/beta"] }
    "gamma" = { effect = "Deny", actions = ["kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/gamma"] }
    "c" = { effect = "Allow", actions = ["kms:ReEncrypt*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/c"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[for k in reverse(sort(keys(data.aws_iam_policy_document.fe1))) : data.aws_iam_policy_document.fe1[k].json], [for d in data.aws_iam_policy_document.cn2 : d.json]])
  override_policy_documents = [local.je3]

  dynamic "statement" {
    for_each = { for k, v in local.dy4 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P4${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
