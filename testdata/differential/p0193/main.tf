module "m1" {
  count  = 2
  source = "./modules/m1"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [module.m1[1].json]

  statement {
    sid       = "P2Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(max(-0, 0)),
        format("%t-%v-%v", false, 12, "x"),
        base64encode("kms:Décrypt"),
        sha1("kms"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
