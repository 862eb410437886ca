locals {
  a0 = { x = "arn:aws:kms:us-east-1:111122223333:alias/x" }
  a1 = merge({ l = local.a0 }, { r = local.a0 })
  a2 = merge({ l = local.a1 }, { r = local.a1 })
  a3 = merge({ l = local.a2 }, { r = local.a2 })
  a4 = merge({ l = local.a3 }, { r = local.a3 })
  a5 = merge({ l = local.a4 }, { r = local.a4 })
  a6 = merge({ l = local.a5 }, { r = local.a5 })
  a7 = merge({ l = local.a6 }, { r = local.a6 })
  a8 = merge({ l = local.a7 }, { r = local.a7 })
  a9 = merge({ l = local.a8 }, { r = local.a8 })
  a10 = merge({ l = local.a9 }, { r = local.a9 })
  a11 = merge({ l = local.a10 }, { r = local.a10 })
  a12 = merge({ l = local.a11 }, { r = local.a11 })
  a13 = merge({ l = local.a12 }, { r = local.a12 })
  a14 = merge({ l = local.a13 }, { r = local.a13 })
  a15 = merge({ l = local.a14 }, { r = local.a14 })
  a16 = merge({ l = local.a15 }, { r = local.a15 })
  a17 = merge({ l = local.a16 }, { r = local.a16 })
  a18 = merge({ l = local.a17 }, { r = local.a17 })
  a19 = merge({ l = local.a18 }, { r = local.a18 })
  a20 = merge({ l = local.a19 }, { r = local.a19 })
  a21 = merge({ l = local.a20 }, { r = local.a20 })
  a22 = merge({ l = local.a21 }, { r = local.a21 })
  a23 = merge({ l = local.a22 }, { r = local.a22 })
  a24 = merge({ l = local.a23 }, { r = local.a23 })
  a25 = merge({ l = local.a24 }, { r = local.a24 })
  a26 = merge({ l = local.a25 }, { r = local.a25 })
  a27 = merge({ l = local.a26 }, { r = local.a26 })
  a28 = merge({ l = local.a27 }, { r = local.a27 })
  a29 = merge({ l = local.a28 }, { r = local.a28 })
  a30 = merge({ l = local.a29 }, { r = local.a29 })
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [local.a30.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.l.x]
  }
}
