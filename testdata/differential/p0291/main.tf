module "m1" {
  count  = 3
  source = "./modules/m1"
  name   = "n${count.index}"
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [module.m1[2].json]

  statement {
    sid       = "P2F${replace(tostring(abs(-4.25)), ".", "d")}"
    actions   = coalescelist([], ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"])
    resources = ["arn:aws:kms:us-east-1:111122223333:key/${tostring(abs(-4.25))}"]
  }

  statement {
    sid       = "P3Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        jsonencode(can(tonumber("0x10"))),
        jsonencode(split("/", "/a//b/")),
        jsonencode(setproduct(["x", "y"], ["1", "2"])),
        jsonencode(range(5, 0, -2)),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
