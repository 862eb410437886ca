module "m2" {
  for_each = {
    "Zeta" = "arn:aws:iam::111122223333:role/Zeta"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
  }
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(1 / 3), ".", "d")}"
    actions   = tolist(setsubtract(["kms:Encrypt", "kms:ListAliases", "kms:DescribeKey", "kms:GenerateDataKey"], ["kms:Decrypt"]))
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${title(substr("hello world", 0, 7))}"]
  }

  statement {
    sid       = "P2Roles"
    actions   = ["kms:CreateGrant", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = sort(values(module.m2)[*].arn)
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
