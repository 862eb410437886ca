data "aws_iam_policy_document" "cn1" {
  count = 2

  statement {
    sid       = "P1N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

locals {
  je4_keys = zipmap(["beta", "a2", "c", "gamma"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["beta", "a2", "c", "gamma"]))
  je4 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je4_keys : { Sid = "P4${k}", Effect = "Allow", Action = ["kms:ListAliases", "kms:GenerateDataKey"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([reverse(data.aws_iam_policy_document.cn1[*].json), [local.je4]])

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(-1.0),
        trimprefix("arn:aws:kms", "arn:"),
      ]
    }
  }

  statement {
    sid       = "P3F${replace(tostring(length("héllo")), ".", "d")}"
    actions   = [for a in ["kms:DescribeKey", "kms:Decrypt"] : a if can(regex("^kms:(Gen|Enc)", a))]
    resources = [for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "arn:aws:kms:us-east-1:111122223333:key/${m}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
