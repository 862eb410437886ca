module "m2" {
  count  = 1
  source = "./modules/m2"
  name   = element(["b_x"], count.index)
}

module "m3" {
  count  = 1
  source = "./modules/m3"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "cn4" {
  count = 1

  statement {
    sid       = "P4N${count.index}"
    effect    = "Allow"
    actions   = ["kms:ReEncrypt*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[module.m2[0].json], [module.m3[0].json], [data.aws_iam_policy_document.cn4[0].json]])

  statement {
    sid       = "P1F${replace(tostring(pow(2, 10)), ".", "d")}"
    actions   = [element(["kms:GenerateDataKey", "kms:GenerateDataKey*"], 7)]
    resources = [format("arn:aws:kms:us-east-1:%s:key/%s", "111122223333", upper("k1"))]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
