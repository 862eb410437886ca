locals {
  a0 = "arn:aws:kms:us-east-1:111122223333:alias/x"
  a1 = { l = local.a0, r = local.a0 }
  a2 = { l = local.a1, r = local.a1 }
  a3 = { l = local.a2, r = local.a2 }
  a4 = { l = local.a3, r = local.a3 }
  a5 = { l = local.a4, r = local.a4 }
  a6 = { l = local.a5, r = local.a5 }
  a7 = { l = local.a6, r = local.a6 }
  a8 = { l = local.a7, r = local.a7 }
  a9 = { l = local.a8, r = local.a8 }
  a10 = { l = local.a9, r = local.a9 }
  a11 = { l = local.a10, r = local.a10 }
  a12 = { l = local.a11, r = local.a11 }
  a13 = { l = local.a12, r = local.a12 }
  a14 = { l = local.a13, r = local.a13 }
  a15 = { l = local.a14, r = local.a14 }
  a16 = { l = local.a15, r = local.a15 }
  a17 = { l = local.a16, r = local.a16 }
  a18 = { l = local.a17, r = local.a17 }
  a19 = { l = local.a18, r = local.a18 }
  a20 = { l = local.a19, r = local.a19 }
  a21 = { l = local.a20, r = local.a20 }
  a22 = { l = local.a21, r = local.a21 }
  a23 = { l = local.a22, r = local.a22 }
  a24 = { l = local.a23, r = local.a23 }
  a25 = { l = local.a24, r = local.a24 }
  a26 = { l = local.a25, r = local.a25 }
  a27 = { l = local.a26, r = local.a26 }
  a28 = { l = local.a27, r = local.a27 }
  a29 = { l = local.a28, r = local.a28 }
  a30 = { l = local.a29, r = local.a29 }
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [local.a30.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l]
  }
}
