# A role whose provider names no account may be in the account the key
# policy opens the key to: nothing is reported.
provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

provider "aws" {
  alias = "app"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/deploy"
  }
}

provider "aws" {
  alias  = "elsewhere"
  region = "eu-west-1"
}

resource "aws_iam_role" "app" {
  provider = aws.app
  name     = "app"
}

resource "aws_iam_role" "somewhere" {
  provider = aws.elsewhere
  name     = "somewhere"
}

resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admins"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "App"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}
