data "aws_iam_policy_document" "fe1" {
  for_each = {
    "alpha" = "arn:aws:iam::111122223333:role/alpha"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
    "Zeta" = "arn:aws:iam::111122223333:role/Zeta"
  }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:DescribeKey", "kms:Encrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${each.key}"]
  }
}

module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([for k, d in data.aws_iam_policy_document.fe1 : k == "Zeta" ? d.json : ""], [for m in module.m2 : m.json])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
