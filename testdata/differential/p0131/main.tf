locals {
  dy1 = {
    "omega" = { effect = "Allow", actions = ["kms:ReEncrypt*", "kms:Encrypt"], resources = ["arn:aws:kms:us-east-1:111122223333:key/omega"] }
  }
}

data "aws_iam_policy_document" "d" {

  dynamic "statement" {
    for_each = { for k, v in local.dy1 : k => v if v.effect == "Allow" }
    iterator = s
    content {
      sid       = "P1${s.key}"
      effect    = s.value.effect
      actions   = s.value.actions
      resources = s.value.resources
    }
  }

  statement {
    sid       = "P2F${replace(tostring(10 / 4), ".", "d")}"
    actions   = [lookup({ read = "kms:Decrypt" }, "write", "kms:DescribeKey")]
    resources = [for n in sort(["10", "9", "100"]) : "arn:aws:kms:us-east-1:111122223333:key/${n}"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}
