module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(2e-3), ".", "d")}"
    actions   = [for k in keys({ "kms:Encrypt" = 1, "kms:Decrypt" = 2 }) : k]
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
    }
  }

  statement {
    sid       = "P2Roles"
    actions   = ["kms:GenerateDataKey"]
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
