# <<- strips the least indentation in characters, tabs or spaces alike;
# the blank line holding one tab does not count. Findings point at the
# alias ARNs' own characters.
variable "region" {
  default = "us-east-1"
}

resource "aws_iam_policy" "tabs" {
	name   = "tabs"
	policy = <<-EOT
		{
			"Version": "2012-10-17",
	
			"Statement": [
				{
					"Sid": "UseAppKey",
					"Effect": "Allow",
					"Action": ["kms:Decrypt", "kms:Encrypt"],
					"Resource": "arn:aws:kms:us-east-1:111122223333:alias/app"
				}
			]
		}
	EOT
}

resource "aws_iam_policy" "mixed" {
  name   = "mixed"
  policy = <<-EOT
  	{
  	  "Version": "2012-10-17",
  	  "Statement": [{
  	    "Effect": "Allow",
  	    "Action": "kms:Decrypt",
  	    "Resource": ["arn:aws:kms:${var.region}:111122223333:alias/mixed"]
  	  }]
  	}
  EOT
}
