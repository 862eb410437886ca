module "m1" {
  count  = 3
  source = "./modules/m1"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1Roles"
    actions   = ["kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = module.m1[*].arn
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
