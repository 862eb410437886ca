# From "AWS KMS Alias Based Policies": the first attempt, which never
# grants anything through the alias pattern.
variable "region" {
  default = "eu-west-1"
}

variable "account_id" {
  default = "111122223333"
}

resource "aws_kms_key" "somekey" {
  description = "sops"
}

data "aws_iam_policy_document" "my_key_access" {
  statement {
    sid    = "KMSAccess"
    effect = "Allow"
    resources = [
      aws_kms_key.somekey.arn,
      "arn:aws:kms:${var.region}:${var.account_id}:alias/some-prefix-*-sops"
    ]

    actions = [
      "kms:Decrypt*",
      "kms:Encrypt*",
      "kms:GenerateDataKey",
      "kms:ReEncrypt*",
      "kms:DescribeKey",
    ]
  }
}
