data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = setproduct(range(1000), range(1000))
    content {
      actions   = ["kms:Decrypt"]
      resources = ["arn:aws:kms:us-east-1:111122223333:alias/${statement.value[0]}"]
    }
  }
}
