data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [for p in setproduct(toset(range(1000)), toset(range(1000))) : "arn:aws:kms:us-east-1:111122223333:alias/x${p[0]}"]
  }
}
