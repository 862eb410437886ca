# Suppressions that cannot be honoured as written, and text that only looks
# like one.
resource "aws_kms_key" "k" {
  description = <<-EOT
    Decrypt only. # tfkms:ignore TFKMS001 text of a heredoc, not a comment
  EOT
}

data "aws_iam_policy_document" "d" {
  statement {
    actions = ["kms:Decrypt"]
    resources = [
      # tfkms:ignore TFKMS001
      "arn:aws:kms:us-east-1:111122223333:alias/no-reason",
      # tfkms:ignore TFKMS001 until=2001-01-01 expired long ago
      "arn:aws:kms:us-east-1:111122223333:alias/expired",
      # tfkms:ignore TFKMS002 nothing of the kind on the next line
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      # tfkms:ignore TFKMS099 no such rule
      # tfkms: ignore TFKMS001 misspelled
      "arn:aws:kms:us-east-1:111122223333:alias/misspelled",
      # tfkms:ignore TFKMS001 until=2027-02-30 no such day
      "arn:aws:kms:us-east-1:111122223333:alias/bad-date",
      "arn:aws:kms:us-east-1:111122223333:alias/x # tfkms:ignore TFKMS001 in a string",
    ]
  }
}
