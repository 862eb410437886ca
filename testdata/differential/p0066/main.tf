locals {
  je1_keys = merge({ "omega" = "arn:aws:kms:us-east-1:111122223333:key/a-omega" }, { "omega" = "arn:aws:kms:us-east-1:111122223333:key/b-omega" })
  je1 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je1_keys : { Sid = "P1${k}", Effect = "Allow", Action = "kms:Decrypt", Resource = v, Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } } }]
  })
}

data "aws_iam_policy_document" "sp2" {
  statement {
    sid       = "P2Splat"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp2_none = null
}

locals {
  dy3 = {
    "alpha" = { effect = "Deny", actions = ["kms:GenerateDataKey*"], resources = ["arn:aws:kms:us-east-1:111122223333:key/alpha"] }
    "delta" = { effect = "Allow", actions = ["kms:DescribeKey", "kms:Decrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/delta"] }
    "a1" = { effect = "Allow", actions = ["kms:ListAliases"], resources = ["arn:aws:kms:us-east-1:111122223333:key/a1"] }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat(local.sp2_none[*], [data.aws_iam_policy_document.sp2.json])
  override_policy_documents = [local.je1]

  dynamic "statement" {
    for_each = { for k, v in local.dy3 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P3${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
