locals {
  t = <<-EOT
    %{for a in range(1000)}
    %{for b in range(1000)}
    %{for c in range(1000)}arn:aws:kms:us-east-1:111122223333:alias/x%{endfor}
    %{endfor}
    %{endfor}
  EOT
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [local.t]
  }
}
