module "m2" {
  for_each = toset(["delta", "omega"])
  source   = "./modules/m2"
  name     = each.key
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [templatefile("${path.module}/p2.json.tftpl", { roles = { for k, m in module.m2 : k => m.arn }, actions = ["kms:Encrypt", "kms:ListAliases"], last = "omega" })]

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(9007199254740993),
        jsonencode(tolist(toset(["b", "a", "B", "_", "1"]))),
        "%{ if length("x") > 0 }yes%{ else }no%{ endif }",
        "%{ for i, v in ["a", "b", "c"] }${i}${v}%{ if i < 2 },%{ endif }%{ endfor }",
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
