module "m1" {
  count  = 3
  source = "./modules/m1"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "cn3" {
  count = 3

  statement {
    sid       = "P3N${count.index}"
    effect    = "Deny"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = concat([jsonencode({ Version = "2012-10-17", Statement = flatten(module.m1[*].statements) })], [templatefile("${path.module}/p2.json.tftpl", { keys = sort(["a2", "delta"]), actions = ["kms:Decrypt"] })], [data.aws_iam_policy_document.cn3[1].json])
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
