module "m1" {
  for_each = {
    "Zeta" = "arn:aws:iam::111122223333:role/Zeta"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
    "a10" = "arn:aws:iam::111122223333:role/a10"
  }
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [module.m1["a10"].json]
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
