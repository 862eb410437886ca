data "aws_iam_policy_document" "fe2" {
  for_each = {
    "a10" = "arn:aws:iam::111122223333:role/a10"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
    "c" = "arn:aws:iam::111122223333:role/c"
  }

  statement {
    sid       = "P2U${each.key}"
    actions   = ["kms:ReEncrypt*"]
    resources = [each.value]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
    }
  }
}

locals {
  je3_keys = merge({ "a1" = "arn:aws:kms:us-east-1:111122223333:key/a-a1", "b_x" = "arn:aws:kms:us-east-1:111122223333:key/a-b_x" }, { "b_x" = "arn:aws:kms:us-east-1:111122223333:key/b-b_x", "c" = "arn:aws:kms:us-east-1:111122223333:key/b-c" })
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = "kms:DescribeKey", Resource = v, Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [for k in reverse(sort(keys(data.aws_iam_policy_document.fe2))) : data.aws_iam_policy_document.fe2[k].json]
  override_policy_documents = [local.je3]

  statement {
    sid       = "P1F${replace(tostring(10 / 4), ".", "d")}"
    actions   = distinct(concat(["kms:ReEncrypt*", "kms:Encrypt", "kms:ListAliases"], ["kms:ReEncrypt*", "kms:Encrypt", "kms:ListAliases"]))
    resources = [format("arn:aws:kms:us-east-1:%s:key/%s", "111122223333", upper("k1"))]
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
