data "aws_iam_policy_document" "fe1" {
  for_each = toset(["a1", "c"])

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.fe1["c"].json]

  statement {
    sid       = "P2Roles"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m2[*].arn
    }
  }

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        base64encode("kms:Décrypt"),
        jsonencode(flatten([[], [[["deep"]]], "top"])),
        jsonencode(lookup({ a = "1" }, "b", null)),
        jsonencode(strcontains("alias/app", "/")),
      ]
    }
  }

  statement {
    sid       = "P4F${replace(tostring(floor(7.9)), ".", "d")}"
    actions   = coalescelist([], ["kms:ReEncrypt*", "kms:DescribeKey", "kms:CreateGrant"])
    resources = [replace("arn:aws:kms:us-east-1:111122223333:key/alpha-1", "/-[0-9]+$/", "")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
