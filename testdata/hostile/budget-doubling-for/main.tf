locals {
  a0 = "arn:aws:kms:us-east-1:111122223333:alias/x"
  a1 = [for i in [0, 1] : local.a0]
  a2 = [for i in [0, 1] : local.a1]
  a3 = [for i in [0, 1] : local.a2]
  a4 = [for i in [0, 1] : local.a3]
  a5 = [for i in [0, 1] : local.a4]
  a6 = [for i in [0, 1] : local.a5]
  a7 = [for i in [0, 1] : local.a6]
  a8 = [for i in [0, 1] : local.a7]
  a9 = [for i in [0, 1] : local.a8]
  a10 = [for i in [0, 1] : local.a9]
  a11 = [for i in [0, 1] : local.a10]
  a12 = [for i in [0, 1] : local.a11]
  a13 = [for i in [0, 1] : local.a12]
  a14 = [for i in [0, 1] : local.a13]
  a15 = [for i in [0, 1] : local.a14]
  a16 = [for i in [0, 1] : local.a15]
  a17 = [for i in [0, 1] : local.a16]
  a18 = [for i in [0, 1] : local.a17]
  a19 = [for i in [0, 1] : local.a18]
  a20 = [for i in [0, 1] : local.a19]
  a21 = [for i in [0, 1] : local.a20]
  a22 = [for i in [0, 1] : local.a21]
  a23 = [for i in [0, 1] : local.a22]
  a24 = [for i in [0, 1] : local.a23]
  a25 = [for i in [0, 1] : local.a24]
  a26 = [for i in [0, 1] : local.a25]
  a27 = [for i in [0, 1] : local.a26]
  a28 = [for i in [0, 1] : local.a27]
  a29 = [for i in [0, 1] : local.a28]
  a30 = [for i in [0, 1] : local.a29]
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = flatten(local.a30)
  }
}
