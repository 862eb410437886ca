locals {
  a0 = "arn:aws:kms:us-east-1:111122223333:alias/x"
  a1 = join("", [local.a0, local.a0])
  a2 = join("", [local.a1, local.a1])
  a3 = join("", [local.a2, local.a2])
  a4 = join("", [local.a3, local.a3])
  a5 = join("", [local.a4, local.a4])
  a6 = join("", [local.a5, local.a5])
  a7 = join("", [local.a6, local.a6])
  a8 = join("", [local.a7, local.a7])
  a9 = join("", [local.a8, local.a8])
  a10 = join("", [local.a9, local.a9])
  a11 = join("", [local.a10, local.a10])
  a12 = join("", [local.a11, local.a11])
  a13 = join("", [local.a12, local.a12])
  a14 = join("", [local.a13, local.a13])
  a15 = join("", [local.a14, local.a14])
  a16 = join("", [local.a15, local.a15])
  a17 = join("", [local.a16, local.a16])
  a18 = join("", [local.a17, local.a17])
  a19 = join("", [local.a18, local.a18])
  a20 = join("", [local.a19, local.a19])
  a21 = join("", [local.a20, local.a20])
  a22 = join("", [local.a21, local.a21])
  a23 = join("", [local.a22, local.a22])
  a24 = join("", [local.a23, local.a23])
  a25 = join("", [local.a24, local.a24])
  a26 = join("", [local.a25, local.a25])
  a27 = join("", [local.a26, local.a26])
  a28 = join("", [local.a27, local.a27])
  a29 = join("", [local.a28, local.a28])
  a30 = join("", [local.a29, local.a29])
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [local.a30]
  }
}
