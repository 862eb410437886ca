module "m1" {
  for_each = toset(["alpha"])
  source   = "./modules/m1"
  name     = each.key
}

data "aws_iam_policy_document" "cn2" {
  count = 1

  statement {
    sid       = "P2N${count.index}"
    effect    = "Deny"
    actions   = ["kms:Encrypt", "kms:DescribeKey"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k${count.index}"]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[templatefile("${path.module}/p1.json.tftpl", { roles = { for k, m in module.m1 : k => m.arn }, actions = ["kms:GenerateDataKey", "kms:GenerateDataKey*"], last = "alpha" })], [for d in data.aws_iam_policy_document.cn2 : d.json]])

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        formatdate("YYYY-MM-DD hh:mm ZZZ", "2024-03-01T12:34:56Z"),
        md5("kms"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
