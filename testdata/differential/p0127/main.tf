locals {
  cn1_on = true
}

data "aws_iam_policy_document" "cn1" {
  count = local.cn1_on ? 2 : 0

  statement {
    sid       = "P1N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey*", "kms:Encrypt", "kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

locals {
  je3_keys = zipmap(["omega"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["omega"]))
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = ["kms:CreateGrant", "kms:GenerateDataKey", "kms:Encrypt"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([data.aws_iam_policy_document.cn1[0].json], [local.je3])

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(transpose({ a = ["1", "2"], b = ["2"] })),
        tostring(tobool("true")),
        tostring(parseint("777", 8)),
        trimprefix("arn:aws:kms", "arn:"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
