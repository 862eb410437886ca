terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "oracle"
  secret_key                  = "oracle"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

data "aws_iam_policy_document" "d" {
  policy_id = "id-&{aws:username}"

  statement {
    sid       = "Sid&{x}"
    actions   = ["s3:&{aws:username}"]
    resources = ["arn:aws:s3:::b/home/&{aws:username}", "arn:aws:s3:::b/home/&{aws:username}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:user/&{aws:username}"]
    }
    condition {
      test     = "StringLike"
      variable = "s3:prefix&{x}"
      values   = ["home/", "home/&{aws:username}/"]
    }
  }

  statement {
    effect        = "Deny"
    not_actions   = ["s3:&{x}"]
    not_resources = ["arn:aws:s3:::b/&{aws:userid}"]
    not_principals {
      type        = "AWS&{x}"
      identifiers = ["arn:aws:iam::111122223333:user/&{aws:username}", "&{a}&{b}"]
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.d.json
}

output "minified" {
  value = data.aws_iam_policy_document.d.minified_json
}
