# A KMS module whose policy defaults to "" or null, as real modules write
# it: the key gets AWS's default key policy, nothing to report.
variable "policy" {
  type    = string
  default = ""
}

variable "no_policy" {
  type    = string
  default = null
}

resource "aws_kms_key" "empty" {
  policy = var.policy
}

resource "aws_kms_key" "null" {
  policy = var.no_policy
}

resource "aws_kms_replica_key" "empty" {
  primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  policy          = ""
}

resource "aws_kms_external_key" "null" {
  policy = null
}

# Required policies: null is a missing argument.
resource "aws_kms_key_policy" "null" {
  key_id = aws_kms_key.empty.id
  policy = var.no_policy
}

resource "aws_s3_bucket_policy" "null" {
  bucket = "b"
  policy = null
}

# "" fails the provider's validation of IAM policy JSON.
resource "aws_iam_policy" "empty" {
  policy = var.policy
}

resource "aws_iam_role" "empty" {
  assume_role_policy = ""

  inline_policy {
    name   = "optional"
    policy = null
  }

  inline_policy {
    name   = "empty"
    policy = ""
  }
}

# "" that `terraform plan` lets through: no policy to apply either.
resource "aws_kms_key_policy" "empty" {
  key_id = aws_kms_key.null.id
  policy = ""
}

resource "aws_sqs_queue_policy" "empty" {
  queue_url = "https://sqs.us-east-1.amazonaws.com/111122223333/q"
  policy    = var.policy
}
