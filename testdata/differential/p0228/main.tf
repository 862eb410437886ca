module "m1" {
  count  = 1
  source = "./modules/m1"
  name   = element(["c"], count.index)
}

locals {
  je2_keys = merge({ "a2" = "arn:aws:kms:us-east-1:111122223333:key/a-a2", "Zeta" = "arn:aws:kms:us-east-1:111122223333:key/a-Zeta", "delta" = "arn:aws:kms:us-east-1:111122223333:key/a-delta" }, { "delta" = "arn:aws:kms:us-east-1:111122223333:key/b-delta", "alpha" = "arn:aws:kms:us-east-1:111122223333:key/b-alpha" })
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:CreateGrant"], Resource = v }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je2]

  statement {
    sid       = "P1Roles"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m1[*].arn
    }
  }

  statement {
    sid       = "P3F${replace(tostring(1.5 * 2), ".", "d")}"
    actions   = [["kms:ReEncrypt*", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Decrypt"][index(["kms:ReEncrypt*", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Decrypt"], "kms:ReEncrypt*")]]
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
