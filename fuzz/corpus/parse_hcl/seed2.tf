# Statements generated from a map in a local; one entry names its key by
# alias ARN.
locals {
  key_access = {
    payments = {
      actions  = ["kms:Decrypt", "kms:GenerateDataKey"]
      resource = "arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000001"
    }
    orders = {
      actions  = ["kms:Decrypt"]
      resource = "arn:aws:kms:us-east-1:111122223333:alias/orders"
    }
  }
}

data "aws_iam_policy_document" "apps" {
  dynamic "statement" {
    for_each = local.key_access
    iterator = app
    content {
      sid       = "Use${title(app.key)}Key"
      actions   = app.value.actions
      resources = [app.value.resource]
    }
  }
}
