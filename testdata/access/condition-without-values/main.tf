# Reproduces k9securityio/terraform-aws-kms-key@826e156 k9policy/policy.tf:
# a condition's values come from a variable whose default is an empty list,
# which the provider renders as `"aws:PrincipalArn": []`.
variable "allow_administer_resource_arns" {
  type    = list(string)
  default = []
}


data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AllowRestrictedAdministerResource"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = var.allow_administer_resource_arns
    }
  }
  statement {
    sid       = "NegatedHoldsForEveryRequest"
    actions   = ["kms:Encrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/app"]
    }
    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = []
    }
  }
  statement {
    sid       = "IfExistsHoldsOnlyWithoutTheKey"
    actions   = ["kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/app"]
    }
    condition {
      test     = "StringEqualsIfExists"
      variable = "kms:ViaService"
      values   = []
    }
  }
  statement {
    sid       = "ForAllValuesHoldsOnlyWithoutTheKey"
    actions   = ["kms:ReEncryptFrom"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/app"]
    }
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values   = []
    }
  }
  statement {
    sid       = "ForAnyValueHoldsForNoRequest"
    actions   = ["kms:ReEncryptTo"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/app"]
    }
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values   = []
    }
  }
}

resource "aws_kms_key" "key" {
  policy = data.aws_iam_policy_document.key.json
}
