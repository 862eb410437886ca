locals {
  t2 = {
    "a2" = { name = "a2", keys = ["c", "omega", "delta", "c"], tags = { "aws:PrincipalTag/team" = "Zeta", "aws:PrincipalTag/level" = 11 } }
    "delta" = { name = "delta", keys = ["b_x", "b_x"] }
    "omega" = { name = "omega", keys = ["a10", "a10"], tags = { "aws:PrincipalTag/team" = "alpha", "aws:PrincipalTag/level" = 8 } }
  }
}

module "t2" {
  for_each = local.t2
  source   = "./modules/t2"
  grant    = each.value
}

locals {
  je4_keys = merge({ "alpha" = "arn:aws:kms:us-east-1:111122223333:key/a-alpha" }, { "alpha" = "arn:aws:kms:us-east-1:111122223333:key/b-alpha" })
  je4 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je4_keys : { Sid = "P4${k}", Effect = "Allow", Action = ["kms:ReEncrypt*", "kms:GenerateDataKey"], Resource = v }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = flatten([[jsonencode({ Version = "2012-10-17", Statement = flatten([for m in module.t2 : m.statements]) })], [local.je4]])

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        base64encode("kms:Décrypt"),
        jsonencode(merge({ a = 1, b = { c = 1 } }, { b = { d = 2 } })),
        jsonencode(setproduct(["x", "y"], ["1", "2"])),
        <<-EOT
      heredoc ${upper("x")}
        kept indent
      EOT
,
      ]
    }
  }

  statement {
    sid       = "P3F${replace(tostring(1 / 3), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt" }, "write", "kms:DescribeKey")]
    resources = values(zipmap(["b", "a", "C"], ["arn:aws:kms:us-east-1:111122223333:key/2", "arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms:us-east-1:111122223333:key/0"]))
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
