locals {
  fe4_base = { for k in ["delta", "gamma", "a1", "omega"] : k => "arn:aws:iam::111122223333:role/base" }
}

data "aws_iam_policy_document" "fe4" {
  for_each = { for k, v in local.fe4_base : k => v if k != "omega" }

  statement {
    sid       = "P4U${each.key}"
    actions   = ["kms:GenerateDataKey", "kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p2.json.tftpl", { keys = sort(["a2", "gamma", "b_x"]), actions = ["kms:GenerateDataKey", "kms:ReEncrypt*"] })], [try(data.aws_iam_policy_document.fe4["missing"].json, data.aws_iam_policy_document.fe4["gamma"].json)]])

  statement {
    sid       = "P1Jose\u0301"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/café"]
  }

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        "${1 + 2}-${5 / 2}-${true}-${"x"}",
        jsonencode(matchkeys(["a", "b", "c"], ["1", "2", "3"], ["3", "1"])),
        jsonencode(flatten([[], [[["deep"]]], "top"])),
        jsonencode(0.000001),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
