locals {
  je2_keys = zipmap(["beta"], formatlist("arn:aws:kms:us-east-1:111122223333:key/%s", ["beta"]))
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey"], Resource = v }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je2]

  statement {
    sid       = "P1F${replace(tostring(2e-3), ".", "d")}"
    actions   = [["kms:CreateGrant", "kms:ReEncrypt*", "kms:ListAliases", "kms:GenerateDataKey*"][index(["kms:CreateGrant", "kms:ReEncrypt*", "kms:ListAliases", "kms:GenerateDataKey*"], "kms:CreateGrant")]]
    resources = [format("arn:aws:kms:us-east-1:%s:key/%s", "111122223333", upper("k1"))]
  }

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(tolist(["a", 1, true])),
        replace("aaa", "/a*?/", "-"),
        jsonencode(concat(["a"], tolist(["b"]), [1])),
      ]
    }
  }

  statement {
    sid       = "P4F${replace(tostring(abs(-4.25)), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["Zeta", "gamma", "a2"])
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
