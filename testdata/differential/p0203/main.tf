locals {
  missing_obj = { present = true }
}

data "aws_iam_policy_document" "d" {

  statement {
    sid       = "P1F${replace(tostring(max(3, 7.5)), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt" }, "write", "kms:DescribeKey")]
    resources = [try(local.missing_obj.nope, "arn:aws:kms:us-east-1:111122223333:key/fallback")]
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
