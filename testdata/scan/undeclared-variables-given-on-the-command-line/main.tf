# Values given with --var-file and --var apply to every root module scanned;
# a name that no root declares is a typo Terraform itself refuses.
variable "key_arn" {
  type    = string
  default = "arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000001"
}

data "aws_iam_policy_document" "use_key" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key_arn]
  }
}
