# Lists of source documents that are only partly known: the documents known
# to be in them are still merged and checked (each alias ARN below is
# found), and what is not known is one note per document.
variable "more_documents" {
  type = list(string)
}

variable "extra_document" {
  type = string
}

locals {
  alias_policies = {
    for name in ["concat", "flatten", "compact", "distinct", "filtered"] : name => jsonencode({
      Statement = [{
        Sid      = "Use${name}"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:us-east-1:111122223333:alias/${name}"
      }]
    })
  }
}

data "aws_iam_policy_document" "concat" {
  source_policy_documents = concat([local.alias_policies["concat"]], var.more_documents)
}

data "aws_iam_policy_document" "flatten" {
  source_policy_documents = flatten([[local.alias_policies["flatten"]], [var.extra_document]])
}

data "aws_iam_policy_document" "compact" {
  source_policy_documents = compact([local.alias_policies["compact"], var.extra_document])
}

data "aws_iam_policy_document" "distinct" {
  source_policy_documents = distinct([local.alias_policies["distinct"], var.extra_document])
}

data "aws_iam_policy_document" "filtered" {
  source_policy_documents = [for d in [local.alias_policies["filtered"], var.extra_document] : d if d != ""]
}
