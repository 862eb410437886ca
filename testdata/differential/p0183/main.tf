locals {
  je2_keys = merge({ "beta" = "arn:aws:kms:us-east-1:111122223333:key/a-beta", "a2" = "arn:aws:kms:us-east-1:111122223333:key/a-a2" }, { "a2" = "arn:aws:kms:us-east-1:111122223333:key/b-a2", "a1" = "arn:aws:kms:us-east-1:111122223333:key/b-a1" })
  je2 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je2_keys : { Sid = "P2${k}", Effect = "Allow", Action = ["kms:Decrypt", "kms:ListAliases"], Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

locals {
  je3_keys = merge({ "beta" = "arn:aws:kms:us-east-1:111122223333:key/a-beta", "omega" = "arn:aws:kms:us-east-1:111122223333:key/a-omega" }, { "omega" = "arn:aws:kms:us-east-1:111122223333:key/b-omega" })
  je3 = jsonencode({
    Version = "2012-10-17"
    Statement = [for k, v in local.je3_keys : { Sid = "P3${k}", Effect = "Allow", Action = "kms:GenerateDataKey*", Resource = v, Condition = { Bool = { "aws:SecureTransport" = true } } }]
  })
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.je2]
  override_policy_documents = [local.je3]

  statement {
    sid       = "P1F${replace(tostring(length("héllo")), ".", "d")}"
    actions   = [["kms:GenerateDataKey", "kms:Encrypt", "kms:GenerateDataKey*"][index(["kms:GenerateDataKey", "kms:Encrypt", "kms:GenerateDataKey*"], "kms:GenerateDataKey")]]
    resources = [coalesce("", "arn:aws:kms:us-east-1:111122223333:key/first")]
  }

  statement {
    sid       = "P4Probe"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/probe"
      values   = [
        format("%t-%v-%v", false, 12, "x"),
      ]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
