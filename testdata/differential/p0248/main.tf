locals {
  cn3_on = true
}

data "aws_iam_policy_document" "cn3" {
  count = local.cn3_on ? 3 : 0

  statement {
    sid       = "P3N${count.index}"
    effect    = "Deny"
    actions   = ["kms:CreateGrant", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([templatefile("${path.module}/p1.json.tftpl", { keys = sort(["Zeta", "a2", "a10"]), actions = ["kms:DescribeKey", "kms:ListAliases", "kms:GenerateDataKey"] })], [for i, d in data.aws_iam_policy_document.cn3 : d.json if i % 2 == 0])

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        format("%.3e", 123456.789),
        tostring(tobool("true")),
        upper("straße ǆ"),
      ]
    }
  }

  statement {
    sid       = "P4Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        "%%{literal} $${literal}",
        tostring(0.1 + 0.2),
        "%{ if length("x") > 0 }yes%{ else }no%{ endif }",
        jsonencode(distinct([1, "1", 2])),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
