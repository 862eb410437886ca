module "m3" {
  for_each = toset(["Zeta", "a10", "b_x", "omega"])
  source   = "./modules/m3"
  name     = each.key
}

locals {
  je4_keys = { "a10" = "arn:aws:kms:us-east-1:111122223333:key/a10" }
  je4 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je4_keys : { Sid = "P4${k}", Effect = "Allow", Action = "kms:Decrypt", Resource = v }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p3.json.tftpl", { roles = { for k, m in module.m3 : k => m.arn }, actions = ["kms:DescribeKey", "kms:Decrypt", "kms:CreateGrant"] })]
  override_policy_documents = [local.je4]

  statement {
    sid       = "P1F${replace(tostring(1.5 * 2), ".", "d")}"
    actions   = [["kms:ListAliases", "kms:Encrypt", "kms:ReEncrypt*"][index(["kms:ListAliases", "kms:Encrypt", "kms:ReEncrypt*"], "kms:ListAliases")]]
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
  }

  statement {
    sid       = "P2F${replace(tostring(10 / 4), ".", "d")}"
    actions   = flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])
    resources = [replace("arn:aws:kms:us-east-1:111122223333:key/alpha-1", "/-[0-9]+$/", "")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
