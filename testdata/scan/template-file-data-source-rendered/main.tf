# `data "template_file"` (the deprecated hashicorp/template provider) renders
# its template at plan time from its inputs: `rendered` is checked like
# templatefile(), and is unknown only when an input is.

variable "account_id" {
  type    = string
  default = "111122223333"
}

variable "policy_template" {
  type = string
}

# The template read with file(): the finding points into the template.
data "template_file" "task_execution" {
  template = file("${path.module}/templates/task-execution.json.tpl")
  vars = {
    account_id = var.account_id
    region     = "us-east-1"
    alias_name = "qpp-secrets"
  }
}

resource "aws_iam_role_policy" "task_execution" {
  name   = "task-execution"
  role   = "task"
  policy = data.template_file.task_execution.rendered
}

# The template in a heredoc: `$${...}` is the template's interpolation, and
# the finding points into the heredoc. Numbers in `vars` become strings.
data "template_file" "inline" {
  template = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "kms:Decrypt",
        "Resource": "arn:aws:kms:eu-west-1:$${account}:alias/inline-$${n}"
      }]
    }
  EOT
  vars = {
    account = var.account_id
    n       = 2
  }
}

resource "aws_iam_policy" "inline" {
  name   = "inline"
  policy = data.template_file.inline.rendered
}

# Negative: the key ARN rendered from the same kind of template is fine.
data "template_file" "by_key" {
  template = file("${path.module}/templates/by-key.json.tpl")
  vars = {
    key_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}

resource "aws_iam_policy" "by_key" {
  name   = "by-key"
  policy = data.template_file.by_key.rendered
}

# A template that is not known (no value for the variable): `rendered` is
# unknown because `var.policy_template` is, not "after apply".
data "template_file" "unknown" {
  template = var.policy_template
}

resource "aws_iam_policy" "unknown" {
  name   = "unknown"
  policy = data.template_file.unknown.rendered
}

# hashicorp/template 1.x read the template from `filename`; 2.0 removed it.
# tfkms does not read it: a note says so.
data "template_file" "legacy" {
  filename = "${path.module}/templates/by-key.json.tpl"
}

resource "aws_iam_policy" "legacy" {
  name   = "legacy"
  policy = data.template_file.legacy.rendered
}
