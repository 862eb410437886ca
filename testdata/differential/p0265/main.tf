data "aws_iam_policy_document" "fe3" {
  for_each = { for k in ["omega"] : k => upper(k) }

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:Decrypt", "kms:Encrypt"]
    resources = [each.value]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [tostring(true)]
    }
  }
}

locals {
  je4_keys = { "gamma" = "arn:aws:kms:us-east-1:111122223333:key/gamma", "a1" = "arn:aws:kms:us-east-1:111122223333:key/a1" }
  je4 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je4_keys : { Sid = "P4${k}", Effect = "Allow", Action = ["kms:Decrypt", "kms:Encrypt"], Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p1.json.tftpl", { keys = ["a1", "omega"], actions = ["kms:GenerateDataKey*"] })], [for k, d in data.aws_iam_policy_document.fe3 : k == "omega" ? d.json : ""], [local.je4]])

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        "%{ for v in ["a", "b"] ~} ${v} %{~ endfor }",
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
