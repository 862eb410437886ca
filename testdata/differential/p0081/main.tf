data "aws_iam_policy_document" "fe1" {
  for_each = {
    "delta" = "arn:aws:iam::111122223333:role/delta"
    "a1" = "arn:aws:iam::111122223333:role/a1"
    "Zeta" = "arn:aws:iam::111122223333:role/Zeta"
    "b_x" = "arn:aws:iam::111122223333:role/b_x"
  }

  statement {
    sid       = "P1U${each.key}"
    actions   = ["kms:GenerateDataKey*"]
    resources = [each.value]
  }
}

data "aws_iam_policy_document" "d" {
  source_policy_documents = values(data.aws_iam_policy_document.fe1)[*].json
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
