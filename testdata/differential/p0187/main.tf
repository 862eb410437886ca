module "m3" {
  count  = 2
  source = "./modules/m3"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = module.m3[*].json

  statement {
    sid       = "P1Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        tostring(min(4, -1.5, 2)),
        jsonencode({ for s in ["b", "a"] : s => upper(s) if s != "c" }),
        "%%{literal} $${literal}",
        indent(2, "a\nb\n"),
      ]
    }
  }

  statement {
    sid       = "P2F${replace(tostring(abs(-4.25)), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]
    resources = formatlist("arn:aws:kms:%s:111122223333:key/%s", "us-east-1", ["b_x"])
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
