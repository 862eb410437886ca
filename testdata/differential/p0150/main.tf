module "m2" {
  for_each = toset(["a2", "a1", "beta", "omega"])
  source   = "./modules/m2"
  name     = each.key
}

module "m3" {
  for_each = {
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
    "c" = "arn:aws:iam::111122223333:role/c"
  }
  source   = "./modules/m3"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:Encrypt"], last = "omega" })], [jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.m3 : m.statements]) })]])

  statement {
    sid       = "P1F${replace(tostring(length("héllo")), ".", "d")}"
    actions   = [element(["kms:ReEncrypt*", "kms:Encrypt", "kms:GenerateDataKey*"], 7)]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["c", "omega", "a2"])
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/app-one", "alias/app-two"]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
