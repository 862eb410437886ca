module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(1e3), ".", "d")}"
    actions   = [for k in keys({ "kms:Encrypt" = 1, "kms:Decrypt" = 2 }) : k]
    resources = [format("arn:aws:kms:us-east-1:%s:key/%s", "111122223333", upper("k1"))]
  }

  statement {
    sid       = "P2Roles"
    actions   = ["kms:Encrypt", "kms:CreateGrant", "kms:ListAliases"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m2[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
