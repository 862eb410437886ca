data "aws_iam_policy_document" "sp1" {
  statement {
    sid       = "P1Splat"
    actions   = ["kms:GenerateDataKey*", "kms:ListAliases"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/splat"]
  }
}

locals {
  sp1_none = null
}

data "aws_iam_policy_document" "fe3" {
  for_each = toset(["c", "Zeta", "omega", "gamma"])

  statement {
    sid       = "P3U${each.key}"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([concat(local.sp1_none[*], [data.aws_iam_policy_document.sp1.json]), [for k in keys(data.aws_iam_policy_document.fe3) : data.aws_iam_policy_document.fe3[k].json]])

  statement {
    sid       = "P2F${replace(tostring(parseint("ff", 16)), ".", "d")}"
    actions   = coalescelist([], ["kms:GenerateDataKey*", "kms:Decrypt", "kms:CreateGrant", "kms:Encrypt"])
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["a10"])
  }

  statement {
    sid       = "P4Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(1000000 * 1000000),
        format("%05.1f|%-6s|%x|%q", 3.14159, "ab", 255, "q\"t"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
